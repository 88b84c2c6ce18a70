"""Application settings, read from KEY=VALUE files."""


def load_settings(path):
    """Old API: returns a plain dict. Deprecated: use Settings.from_file."""
    return Settings.from_file(path).values


class Settings:
    def __init__(self, values):
        self.values = dict(values)

    @classmethod
    def from_file(cls, path):
        values = {}
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    key, _, value = line.partition("=")
                    values[key.strip()] = value.strip()
        return cls(values)

    def get(self, key, default=None):
        return self.values.get(key, default)
