import asyncio


async def worker(n):
    await asyncio.sleep(n * 0.2)
    if n == 2:
        raise RuntimeError(f"worker {n} failed")
    print(f"worker {n} ok")
    return n


async def main():
    tasks = [asyncio.create_task(worker(n)) for n in range(4)]
    for t in tasks:
        print("got", await t)


asyncio.run(main())
