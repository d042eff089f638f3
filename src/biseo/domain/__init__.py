"""The pure core: plain Python types and rules, no frameworks, drivers or I/O."""
