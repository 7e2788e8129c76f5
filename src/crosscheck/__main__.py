"""``python -m crosscheck`` runs the command-line interface."""

from crosscheck.cli.app import main

if __name__ == "__main__":
    main()
