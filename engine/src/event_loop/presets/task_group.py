import asyncio


async def fetch_part(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}: cancelled by the group")
        raise
    if fail:
        raise ValueError(f"{name} is broken")
    print(f"{name}: ready")
    return name


async def main():
    async with asyncio.TaskGroup() as group:
        a = group.create_task(fetch_part("header", 0.5))
        b = group.create_task(fetch_part("body", 1))
    print(f"all parts: {a.result()}, {b.result()}")
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch_part("menu", 1.5))
            group.create_task(fetch_part("footer", 0.5, fail=True))
    except ExceptionGroup as errors:
        print(f"the group failed: {errors.exceptions[0]}")


asyncio.run(main())
