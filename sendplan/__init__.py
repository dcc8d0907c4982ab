"""sendplan: run a local area SEND and Alternative Provision improvement plan."""

__version__ = "0.1.0"
