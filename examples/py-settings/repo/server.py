from settings import load_settings


def port(path):
    config = load_settings(path)
    return int(config.get("PORT", "8000"))
