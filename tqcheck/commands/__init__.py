"""Click commands, one module each; ``tqcheck.cli.COMMANDS`` maps names to them."""
