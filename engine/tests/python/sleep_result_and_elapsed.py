import asyncio
import time


async def main():
    start = time.perf_counter()
    value = await asyncio.sleep(0.5, result="slept")
    # Whole seconds and halves: CPython's real clock runs a little late on a busy machine.
    print(value, round((time.perf_counter() - start) * 2) / 2)
    start = time.time()
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(1))
    print(f"two sleeps of 1 s together: {round(time.time() - start)} s")


asyncio.run(main())
