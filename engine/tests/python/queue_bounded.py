import asyncio


async def producer(queue):
    for i in range(4):
        print(f"putting {i}")
        await queue.put(i)
        print(f"put {i}")


async def main():
    queue = asyncio.Queue(maxsize=2)
    task = asyncio.create_task(producer(queue))
    await asyncio.sleep(0.2)
    print("full:", queue.full(), queue.qsize())
    while not task.done() or not queue.empty():
        item = await queue.get()
        print("got", item)
        await asyncio.sleep(0.1)


asyncio.run(main())
