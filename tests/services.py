"""The outside services some tests need, and whether they answer here."""

import os

import redis


def redis_url():
    """Redis for tests (database 3 unless TEST_REDIS_URL names another)."""
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def redis_answers():
    try:
        return redis.Redis.from_url(redis_url(), socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
