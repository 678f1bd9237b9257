"""The benchmarks' district: a Langao-shaped hierarchy (7 towns, 35 communities, 245 grids)
and ROWS demands as a deterministic CSV file, written the way districts' spreadsheets are
(Chinese and English values mixed). Used by scripts/bench-import and scripts/bench-api.

Usage: python3 scripts/lib/bench_data.py ORG.csv DEMANDS.csv ROWS
"""
import random, sys
org_path, demand_path, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
grids = []
with open(org_path, "w", encoding="utf-8") as org:
    org.write("code,name,kind,parent_code\n")
    for t in range(1, 8):
        org.write(f"T{t},第{t}镇,town,\n")
        for c in range(1, 6):
            org.write(f"C{t}{c},第{t}镇第{c}社区,community,T{t}\n")
            for g in range(1, 8):
                org.write(f"G{t}{c}{g},第{t}镇第{c}社区第{g}网格,grid,C{t}{c}\n")
                grids.append(f"G{t}{c}{g}")
random.seed(20240305)
categories = ["roads", "housing_repair", "elderly_care", "children", "employment", "environment",
              "safety", "culture", "legal_aid", "health", "养老服务", "道路交通"]
channels = ["door_to_door", "grid_report", "bench_talk", "hotline_12345", "online", "other", "网格上报"]
units = ["yuan", "volunteer_hours", "items", "sessions", "job"]
states = ["", "", "", "", "accepted", "submitted", "draft", "resolved", "rejected", "in_project"]
needs = ["楼道灯不亮", "路面破损", "屋顶漏水", "缺少减速带", "老年日间照料", "儿童活动室", "法律咨询",
         "垃圾清运", "健身器材维修", "就业培训"]
with open(demand_path, "w", encoding="utf-8") as out:
    out.write("external_id,title,description,category,org_code,source_channel,quantity,measure_unit,"
              "priority,beneficiaries,due_on,state,filed_on,is_public,published_on\n")
    for i in range(1, rows + 1):
        unit = random.choice(units)
        amount = random.randrange(1, 500)
        quantity = f"{amount * 100}.{random.randrange(100):02d}" if unit == "yuan" else ("1" if unit == "job" else str(amount))
        month, day = 1 + i % 12, 1 + i % 28
        public = i % 3 == 0
        out.write(f'D{i:07d},{random.choice(needs)}（{i % 40 + 1}号楼）,"第{i}号需求, 居民反映",'
                  f"{random.choice(categories)},{random.choice(grids)},{random.choice(channels)},{quantity},{unit},"
                  f"{random.randrange(1, 6)},{random.randrange(0, 300)},2025-{month:02d}-{day:02d},{random.choice(states)},"
                  f"2024-{month:02d}-{day:02d},{'yes' if public else 'no'},{f'2024-{month:02d}-{day:02d}' if public else ''}\n")
