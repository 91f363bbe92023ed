"""One module per Freebit operation; each validates the request like Freebit does and changes the state."""
