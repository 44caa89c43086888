import asyncio
import time


def read_file(name):
    print(f"thread: reading {name} with blocking calls")
    time.sleep(1.2)
    print(f"thread: {name} read")
    return f"contents of {name}"


async def heartbeat():
    for i in range(4):
        await asyncio.sleep(0.5)
        print(f"heartbeat {i}: the loop is free")


async def main():
    contents, _ = await asyncio.gather(asyncio.to_thread(read_file, "notes.txt"), heartbeat())
    print(contents)
    print("now the same call without a thread:")
    read_file("notes.txt")


asyncio.run(main())
