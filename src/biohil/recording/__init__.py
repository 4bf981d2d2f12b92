"""Recording a run: `pytest --target lab --lab-config=FILE --record=DIR` writes a transcript per
scenario and terminal of every G-SDK call, streamed event and action asked of the operator
(recorder.py, in the format of transcript.py).
"""
