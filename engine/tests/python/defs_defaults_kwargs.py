import asyncio


def greet(name, greeting="hello", *, punctuation="!"):
    return f"{greeting}, {name}{punctuation}"


def total(*numbers, start=0):
    return start + sum(numbers)


def describe(**info):
    return ", ".join(f"{k}={v}" for k, v in info.items())


async def fetch_user(user_id: int, *, verbose: bool = False) -> dict:
    await asyncio.sleep(0.2)
    if verbose:
        print("fetched", user_id)
    return {"id": user_id, "name": f"user{user_id}"}


async def main():
    print(greet("ann"))
    print(greet("bob", "hi", punctuation="?"))
    print(greet(greeting="hey", name="cy"))
    print(total(1, 2, 3), total(start=10), total(*[4, 5], start=1))
    print(describe(a=1, b="two"))
    square = lambda x: x * x
    print(square(7), (lambda a, b=2: a + b)(1))
    user = await fetch_user(3, verbose=True)
    print(user["name"])
    args = (4,)
    kwargs = {"verbose": True}
    print((await fetch_user(*args, **kwargs))["id"])


asyncio.run(main())
