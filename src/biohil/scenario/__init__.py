"""What G-SDK steps work with beyond the client: `scene.Scene`, one scenario as it plays on one
terminal (and `scene.Rig`, what the whole run shares), and `gsdk`, the calls a step makes on it."""
