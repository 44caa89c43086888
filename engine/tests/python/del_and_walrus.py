import asyncio

items = [0, 1, 2, 3, 4, 5]
del items[0]
del items[-1]
print(items)
del items[1:3]
print(items)
scores = {"ann": 3, "bob": 5, "cid": 1}
del scores["bob"]
print(scores)


class Box:
    pass


box = Box()
box.size = 3
box.color = "red"
del box.size
print(hasattr(box, "size"), box.color)

temp = 42
del temp
try:
    print(temp)
except NameError as e:
    print("NameError:", e)


def shrink(values):
    first, *rest = values
    del first
    return rest


print(shrink([1, 2, 3]))

data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print(f"long list: {n} items")
queue = [1, 2, 3]
while (item := queue.pop() if queue else None) is not None:
    print("popped", item)
big = [y for x in data if (y := x * 10) > 40]
print(big, y)


async def worker(q: asyncio.Queue):
    while (job := await q.get()) is not None:
        print("job", job)
        await asyncio.sleep(0.1)
    print("worker stops")


async def main():
    q = asyncio.Queue()
    for j in ["a", "b", None]:
        q.put_nowait(j)
    await worker(q)


asyncio.run(main())
