"""``python -m compare.cli``."""

from compare.cli import main

main()
