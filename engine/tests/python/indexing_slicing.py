import asyncio


async def main():
    nums = list(range(10))
    print(nums[0], nums[-1], nums[2:5], nums[:3], nums[7:], nums[::2], nums[::-1], nums[-3:-1])
    text = "asyncio"
    print(text[0], text[-1], text[1:4], text[::-1], text[:100])
    t = (1, 2, 3)
    print(t[1], t[1:], len(t))
    grid = [[1, 2], [3, 4]]
    grid[1][0] = 30
    print(grid, grid[1][0])
    nums[2:4] = ["a", "b", "c"]
    print(nums)
    d = {"k": [1, 2]}
    d["k"][0] += 10
    print(d)
    counts = [0, 0]
    counts[1] += 5
    print(counts)
    await asyncio.sleep(0)


asyncio.run(main())
