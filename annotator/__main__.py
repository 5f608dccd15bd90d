"""`python -m annotator` and the `annotator` console script."""

from annotator.cli import main

if __name__ == "__main__":
    main()
