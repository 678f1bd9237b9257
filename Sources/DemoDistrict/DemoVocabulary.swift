/// Names and needs for the demo district, after the Langao county article (seed 003).
enum DemoVocabulary {
    /// Seven top-level nodes: the county seat and six towns.
    static let towns = ["城关镇", "佐龙镇", "滔河镇", "官元镇", "石门镇", "民主镇", "大道河镇"]
    /// The seven urban communities of the county seat that the 95 units contract (包联).
    static let urbanCommunities = ["东坡社区", "滨河社区", "北门社区", "南门社区", "月池台社区", "肖家坝社区", "西坡社区"]
    static let villageStems = ["白鹤", "青松", "桂花", "茶园", "黄莲", "柳林", "龙安", "双丰", "新春", "永丰", "溢河", "长兴", "先锋", "联春", "石湾", "红岩", "花里", "安坪", "平溪", "杜家", "庙坪", "陈家", "兴隆", "竹园", "塘坊", "鸿雁", "枫树", "罗景"]

    static let unitPrefixes = ["县", "县", "县", "岚皋县", "国网岚皋县", "岚皋县", "岚皋县"]
    static let departments = ["民政局", "住建局", "交通运输局", "卫健局", "人社局", "教体局", "司法局", "财政局", "农业农村局", "自然资源局", "应急管理局", "文旅广电局", "市场监管局", "水利局", "林业局", "公安局", "税务局", "供电公司", "邮政分公司", "电信分公司"]
    static let socialOrganisations = ["志愿者协会", "红十字会", "慈善协会", "老年协会", "青年志愿服务队", "社会工作服务中心"]
    static let schools = ["城关小学", "岚皋中学", "城关幼儿园", "职业技术教育中心"]
    static let propertyCompanies = ["安居物业", "和美物业", "康泰物业"]

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华兰梅琴云莲珍红玉凤荣建国文斌浩宇鹏辉").map(String.init)

    /// Needs by category: (category code, titles, measure unit, typical quantity range).
    struct Need {
        var category: String
        var titles: [String]
        var unit: String
        var quantity: ClosedRange<Int>
        var resourceKind: String
        var resourceTitles: [String]
    }

    static let needs: [Need] = [
        Need(category: "roads", titles: ["小区路面破损修补", "增设减速带", "巷道路灯维修", "人行道坑洼整治"], unit: "yuan", quantity: 3_000...60_000,
             resourceKind: "funds", resourceTitles: ["道路维修共建资金", "基础设施改善资金"]),
        Need(category: "housing_repair", titles: ["老旧楼房屋顶漏水", "楼道墙面脱落", "单元门禁损坏", "排水管道堵塞"], unit: "yuan", quantity: 2_000...40_000,
             resourceKind: "funds", resourceTitles: ["老旧小区改造资金", "房屋修缮帮扶资金"]),
        Need(category: "elderly_care", titles: ["独居老人定期探访", "老年人助餐服务", "老人陪诊服务", "适老化改造评估"], unit: "volunteer_hours", quantity: 10...200,
             resourceKind: "volunteer_hours", resourceTitles: ["党员志愿服务时长", "助老志愿服务队"]),
        Need(category: "children", titles: ["暑期儿童托管", "儿童活动室建设", "留守儿童课业辅导", "儿童安全教育课"], unit: "sessions", quantity: 2...30,
             resourceKind: "professional_service", resourceTitles: ["课业辅导服务", "儿童安全教育讲座"]),
        Need(category: "employment", titles: ["就业岗位推荐", "技能培训名额", "返乡青年创业指导"], unit: "job", quantity: 1...10,
             resourceKind: "jobs", resourceTitles: ["企业用工岗位", "公益性岗位"]),
        Need(category: "environment", titles: ["垃圾分类宣传", "河道垃圾清理", "背街小巷环境整治", "绿化带补种"], unit: "volunteer_hours", quantity: 8...120,
             resourceKind: "volunteer_hours", resourceTitles: ["环保志愿服务", "清洁家园行动"]),
        Need(category: "safety", titles: ["消防器材配置", "安全隐患排查", "电动车充电桩安装"], unit: "items", quantity: 2...40,
             resourceKind: "equipment", resourceTitles: ["消防器材捐赠", "安全设施物资"]),
        Need(category: "culture", titles: ["社区文艺演出", "农家书屋图书补充", "广场舞音响设备"], unit: "sessions", quantity: 1...12,
             resourceKind: "venue", resourceTitles: ["单位会议室开放", "文化活动场地"]),
        Need(category: "legal_aid", titles: ["法律咨询进社区", "邻里纠纷调解指导", "反诈宣传讲座"], unit: "sessions", quantity: 1...10,
             resourceKind: "professional_service", resourceTitles: ["律师进社区服务", "普法宣传服务"]),
        Need(category: "health", titles: ["健康义诊", "慢病随访", "心理健康讲座"], unit: "sessions", quantity: 1...12,
             resourceKind: "professional_service", resourceTitles: ["医护义诊服务", "健康讲座"]),
    ]

    static let channels = ["door_to_door", "grid_report", "bench_talk", "hotline_12345", "online", "other"]
}
