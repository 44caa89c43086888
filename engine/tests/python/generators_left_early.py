"""Generators left before their end are closed, as CPython closes them: a `for` loop's
generator when `break` drops it, an asynchronous one by the loop's finalizer (a task that
runs its `aclose()`), one still open by `asyncio.run` at shutdown; and `aclose()` by hand."""
import asyncio


def numbers():
    try:
        for i in range(10):
            yield i
    finally:
        print("numbers closed")


async def ticker(name, n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0.1)
    finally:
        print(name, "closed")
        await asyncio.sleep(0.1)
        print(name, "cleaned up")


async def first_even(name):
    async for t in ticker(name, 5):
        if t % 2 == 0:
            return t


async def main():
    for n in numbers():
        if n == 1:
            break
    print("after numbers")
    held = ticker("held", 5)
    async for t in held:
        if t == 1:
            break
    print("after held")
    async for t in ticker("loose", 5):
        if t == 2:
            break
    print("after loose")
    print("first even", await first_even("returned"))
    never = ticker("never", 3)
    done = [x async for x in ticker("done", 2)]
    print(done)
    closer = ticker("explicit", 3)
    print(await closer.__anext__())
    await closer.aclose()
    print("explicitly closed")
    await never.aclose()
    await asyncio.sleep(0)
    print("end of main")


asyncio.run(main())
print("after run")
