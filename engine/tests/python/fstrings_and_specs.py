import asyncio
import time


async def main():
    start = time.perf_counter()
    task = asyncio.create_task(asyncio.sleep(1))
    await task
    elapsed = time.perf_counter() - start
    print(f"finished in {round(elapsed)} s, done: {task.done()}")
    name = "ann"
    width = 8
    print(f"[{name:>6}] [{name:<6}] [{name:^7}] [{name!r}]")
    print(f"{3.14159:.2f} {1234567:,} {42:05d} {0.25:.0%} {7:>{width}}")
    print(f"{name=} {width * 2=}")
    print(f"{'nested quotes'} {{braces}} {len(name) + 1}")
    pi = 3.14159
    print(f"{pi:8.3f}|{pi:<8.2f}|{-pi:+.1f}|{1e-7:.2e}|{123.456:g}")
    print(f"{True} {None} {[1, 'a']} {(1,)} {{}}")


asyncio.run(main())
