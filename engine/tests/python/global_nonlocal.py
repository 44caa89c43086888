import asyncio

counter = 0


def make_counter():
    count = 0

    def increment(by=1):
        nonlocal count
        count += by
        return count

    return increment


async def bump():
    global counter
    counter += 1
    await asyncio.sleep(0)
    return counter


async def main():
    tick = make_counter()
    tick()
    tick(5)
    print(tick())
    results = await asyncio.gather(bump(), bump(), bump())
    print(results, counter)
    adders = [lambda x, n=n: x + n for n in range(3)]
    print([f(10) for f in adders])


asyncio.run(main())
