"""Test helpers shared by every app: strict page checks (``html``) and the browser harness (``browser``)."""
