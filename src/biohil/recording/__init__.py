"""Recording a lab run and replaying it against the simulator: where the simulator answers
otherwise than the lab's terminals, and which readings would make it match.

`pytest --target lab --lab-config=FILE --record=DIR` writes the transcripts (recorder.py, in the
format of transcript.py); `python -m biohil.recording DIR` (make conformance RECORDING=DIR)
replays them (replay.py) and prints the differences (conformance.py).
"""
