# Any run: freeing pages merged buddies below the freed block by adding a
# wrapped unsigned pfn difference to a struct page pointer (UB, clang UBSan
# pointer-overflow in __free_one_page and buddy_merge_likely).
cat /proc/buddyinfo
