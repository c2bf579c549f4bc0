"""The generator of the fictitious example's exports in example/ (`make example`): a tool
of the project, not part of the installed package, which ships the files it wrote."""
