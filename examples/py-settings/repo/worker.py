from settings import load_settings


def queue_name(path):
    config = load_settings(path)
    return config.get("QUEUE", "default")
