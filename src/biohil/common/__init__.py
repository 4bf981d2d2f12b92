"""Pieces every side uses and none owns: secrets that never show, test certificates, file locks,
the stop signals of a command line that serves until stopped. Nothing here imports another
biohil package."""
