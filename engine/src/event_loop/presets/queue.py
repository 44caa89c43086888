import asyncio


async def producer(queue):
    for n in range(4):
        await asyncio.sleep(0.5)
        await queue.put(f"order {n}")
        print(f"put order {n}; waiting: {queue.qsize()}")


async def consumer(name, queue):
    while True:
        order = await queue.get()
        print(f"{name} takes {order}")
        await asyncio.sleep(1.2)
        print(f"{name} finished {order}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    cooks = [asyncio.create_task(consumer(name, queue)) for name in ("ann", "bob")]
    await producer(queue)
    await queue.join()
    print("every order is done")
    for cook in cooks:
        cook.cancel()


asyncio.run(main())
