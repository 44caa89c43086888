import asyncio
import time


async def main():
    start = time.perf_counter()
    value = await asyncio.sleep(0.5, result="slept")
    print(value, round(time.perf_counter() - start, 1))
    start = time.time()
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(1))
    print(f"two sleeps of 1 s together: {time.time() - start:.1f} s")


asyncio.run(main())
