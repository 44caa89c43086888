import asyncio
import functools


def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        result = func(*args, **kwargs)
        print(f"{func.__name__} returned {result!r}")
        return result
    return wrapper


def repeat(times: int):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorate


def counted(func):
    calls = 0

    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        print(f"{func.__name__} call #{calls}")
        return await func(*args, **kwargs)
    return wrapper


registry = []


def register(cls):
    registry.append(cls.__name__)
    return cls


@logged
def add(a, b=10):
    """Adds two numbers."""
    return a + b


@repeat(3)
@logged
def shout(word):
    return word.upper()


@register
class Worker:
    pass


@counted
async def fetch_data(n: int) -> int:
    await asyncio.sleep(0.1 * n)
    return n * 2


async def main():
    print(add(1))
    print(add(2, b=3))
    print(shout("hey"))
    print(add.__name__, add.__wrapped__.__name__, shout.__name__)
    print(registry)
    results = await asyncio.gather(fetch_data(2), fetch_data(1))
    print(results)
    pending = fetch_data(3)
    print(pending.__name__, asyncio.create_task(pending).get_coro().__name__)
    await asyncio.sleep(1)
    double = functools.partial(lambda x, y: x * y, 2)
    print(double(21), functools.reduce(lambda a, b: a + b, [1, 2, 3, 4]))


if __name__ == "__main__":
    asyncio.run(main())
