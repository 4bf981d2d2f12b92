"""biohil: hardware-in-the-loop acceptance suite for Suprema terminals behind a G-SDK gateway."""
