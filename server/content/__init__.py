"""The content library: loading, validating and rendering the files under content/."""
