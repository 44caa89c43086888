import asyncio


async def producer(queue):
    for word in ["alpha", "beta", "gamma"]:
        await queue.put(word)
        await asyncio.sleep(0.2)
    await queue.put(None)


async def consumer(queue):
    results = []
    while True:
        item = await queue.get()
        if item is None:
            break
        print("consumed", item)
        results.append(item.upper())
    return results


async def main():
    queue = asyncio.Queue()
    _, words = await asyncio.gather(producer(queue), consumer(queue))
    print(words)


asyncio.run(main())
