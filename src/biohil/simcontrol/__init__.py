"""Generated modules of the simulator's control API (biohil.simcontrol). Regenerate with:
python -m biohil.protogen"""
