import asyncio


async def main():
    queue = asyncio.Queue(maxsize=1)
    queue.put_nowait("a")
    try:
        queue.put_nowait("b")
    except asyncio.QueueFull:
        print("queue full")
    print(queue.get_nowait())
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print("queue empty")
    print(queue.empty(), queue.maxsize)


asyncio.run(main())
