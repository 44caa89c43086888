import asyncio


async def producer(queue, n):
    for i in range(n):
        await asyncio.sleep(0.2)
        await queue.put(f"item {i}")
        print(f"put item {i}, size {queue.qsize()}")


async def consumer(name, queue):
    while True:
        item = await queue.get()
        print(f"{name} got {item}")
        await asyncio.sleep(0.3)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(f"c{i}", queue)) for i in range(2)]
    await producer(queue, 4)
    await queue.join()
    print("all items processed")
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    print("consumers stopped")


asyncio.run(main())
