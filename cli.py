"""Run brandvoice from a checkout without installing the console script: python cli.py check ..."""

from brandvoice.cli import main

if __name__ == "__main__":
    main()
