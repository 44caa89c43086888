import asyncio


async def wait(name, seconds):
    print(f"{name} waits {seconds}")
    await asyncio.sleep(seconds)
    print(f"{name} woke")
    return seconds


async def main():
    results = await asyncio.gather(wait("slow", 1.5), wait("fast", 0.5), wait("middle", 1))
    print(results)


asyncio.run(main())
