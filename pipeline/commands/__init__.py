"""One module per ``duban`` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
