"""Pieces every side uses and none owns: secrets that never show, test certificates, file locks.
Nothing here imports another biohil package."""
