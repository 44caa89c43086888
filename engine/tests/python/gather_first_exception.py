import asyncio


async def job(n):
    await asyncio.sleep(n * 0.2)
    if n == 1:
        raise ValueError("job 1 fails")
    print(f"job {n} finishes")
    return n


async def main():
    try:
        await asyncio.gather(job(0), job(1), job(2))
    except ValueError as e:
        print("gather raised:", e)
    await asyncio.sleep(0.6)
    print("the other jobs went on")


asyncio.run(main())
