import asyncio


async def job(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    tasks = [asyncio.create_task(job(s)) for s in (0.2, 0.4, 2)]
    done, pending = await asyncio.wait(tasks, timeout=1)
    print("done", len(done), "pending", len(pending))
    print(sorted(t.result() for t in done))
    done, pending = await asyncio.wait(tasks)
    print("all done:", len(done), len(pending))


asyncio.run(main())
