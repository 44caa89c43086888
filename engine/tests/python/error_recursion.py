def depth(n):
    return depth(n + 1)


try:
    depth(0)
except RecursionError as e:
    print("caught:", e)
depth(0)
