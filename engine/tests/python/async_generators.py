import asyncio


async def ticker(name: str, n: int, delay: float):
    for i in range(n):
        await asyncio.sleep(delay)
        yield f"{name}{i}"
    print(f"{name} is done")


class Countdown:
    def __init__(self, start):
        self.current = start

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.current <= 0:
            raise StopAsyncIteration
        await asyncio.sleep(0.1)
        self.current -= 1
        return self.current + 1


async def consume(name, delay):
    seen = []
    async for item in ticker(name, 3, delay):
        print("received", item)
        seen.append(item)
    else:
        print(name, "loop ended")
    return seen


async def main():
    results = await asyncio.gather(consume("a", 0.3), consume("b", 0.2))
    print(results)
    async for n in Countdown(3):
        print("countdown", n)
    firsts = [x async for x in ticker("c", 4, 0.1) if not x.endswith("2")]
    print(firsts)
    async for item in ticker("d", 5, 0.1):
        if item == "d1":
            break
        print("d gave", item)
    gen = ticker("e", 1, 0.1)
    print(type(gen).__name__)
    print(await gen.__anext__())
    try:
        await gen.__anext__()
    except StopAsyncIteration:
        print("e exhausted")


asyncio.run(main())
