<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArticleRules</name>
    <message>
        <location filename="../shared/src/xiaodian/ArticleRules.cpp" line="+26"/>
        <source>%1 has %2 to %3 characters.</source>
        <translation>%1需为 %2 到 %3 个字符。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field &apos;id&apos; must be an id (a lowercase UUID).</source>
        <translation>字段“id”必须是编号（小写 UUID）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+48"/>
        <source>Unknown field &apos;%1&apos;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>The title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cover image</source>
        <translation>封面图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field &apos;body&apos; must be text (HTML).</source>
        <translation>字段“body”必须是文本（HTML）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>The body has at most %1 characters.</source>
        <translation>正文最多 %1 个字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field &apos;published&apos; must be true or false.</source>
        <translation>字段“published”必须是 true 或 false。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Field &apos;publishAtMs&apos; must be from 0 to %1.</source>
        <translation>字段“publishAtMs”必须在 0 到 %1 之间。</translation>
    </message>
</context>
<context>
    <name>CacheDatabase</name>
    <message>
        <location filename="../desktop/core/CacheDatabase.cpp" line="+53"/>
        <location line="+68"/>
        <source>The cache key must be %1 bytes, not %2</source>
        <translation>缓存密钥必须是 %1 字节，而不是 %2 字节</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>The cache passphrase must not be empty</source>
        <translation>缓存口令不能为空</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cannot decrypt the cache %1: %2</source>
        <translation>无法解密缓存 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open the cache %1: %2</source>
        <translation>无法打开缓存 %1：%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The cache is not open</source>
        <translation>缓存未打开</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot change the cache key: %1</source>
        <translation>无法更改缓存密钥：%1</translation>
    </message>
</context>
<context>
    <name>CacheLocator</name>
    <message>
        <location filename="../desktop/core/CacheLocator.cpp" line="+69"/>
        <source>The local data still holds changes that were never sent to the server.</source>
        <translation>本机数据中还有未发送到服务器的修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot delete %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+58"/>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>This local data is protected by a passphrase.</source>
        <translation>本机数据受密码保护。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The key of the local data is lost, and it holds changes that were never sent to the server. Starting over would drop them.</source>
        <translation>本机数据的密钥已丢失，且其中有未发送到服务器的修改。重新开始将丢弃这些修改。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>CatalogRules</name>
    <message>
        <location filename="../shared/src/xiaodian/CatalogRules.cpp" line="+26"/>
        <source>Unknown field &apos;%1&apos;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Field &apos;%1&apos; must be an id (a lowercase UUID).</source>
        <translation>字段“%1”必须是编号（小写 UUID）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 has %2 to %3 characters.</source>
        <translation>%1需为 %2 到 %3 个字符。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field &apos;%1&apos; must be from %2 to %3.</source>
        <translation>字段“%1”必须在 %2 到 %3 之间。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>SKU %1 must be an object.</source>
        <translation>规格 %1 的格式不正确。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The SKU code</source>
        <translation>规格编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SKU image</source>
        <translation>规格图片</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The image of SKU %1 is not an uploaded image.</source>
        <translation>规格 %1 的图片不是已上传的图片。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The specifications of SKU %1 must be an object.</source>
        <translation>规格 %1 的属性格式不正确。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A product has at most %1 specifications.</source>
        <translation>一个商品最多 %1 种规格属性。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Specification names and values have 1 to %1 characters.</source>
        <translation>规格名称和取值需为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The category name</source>
        <translation>分类名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The icon</source>
        <translation>图标</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A category cannot be its own parent.</source>
        <translation>分类不能以自己为上级。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The description</source>
        <translation>商品详情</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The description has at most %1 characters.</source>
        <translation>商品详情最多 %1 个字符。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field &apos;onShelf&apos; must be true or false.</source>
        <translation>字段“onShelf”必须是 true 或 false。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A product has at most %1 images.</source>
        <translation>一个商品最多 %1 张图片。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each image must be the id of an uploaded image.</source>
        <translation>每张图片都必须是已上传图片的编号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A product shows each image once.</source>
        <translation>同一张图片在一个商品中只能出现一次。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>A stock change lists 1 to %1 SKUs.</source>
        <translation>一次库存调整需包含 1 到 %1 个规格。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each stock change is an object with &apos;productId&apos;, &apos;skuId&apos; and &apos;delta&apos;.</source>
        <translation>每项库存调整都必须是包含“productId”“skuId”和“delta”的对象。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A stock change of 0 changes nothing.</source>
        <translation>库存调整量为 0，不会有任何变化。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A stock change lists SKU %1 twice.</source>
        <translation>库存调整中规格 %1 出现了两次。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A price change lists 1 to %1 SKUs.</source>
        <translation>一次改价需包含 1 到 %1 个规格。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each price change is an object with &apos;productId&apos;, &apos;skuId&apos; and &apos;priceFen&apos;.</source>
        <translation>每项改价都必须是包含“productId”“skuId”和“priceFen”的对象。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A price change lists SKU %1 twice.</source>
        <translation>改价中规格 %1 出现了两次。</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>A product has 1 to %1 SKUs.</source>
        <translation>一个商品需有 1 到 %1 个规格。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SKU ids must be distinct.</source>
        <translation>规格编号不能重复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Two SKUs have the same specifications %1.</source>
        <translation>有两个规格的属性相同：%1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every SKU must have the same specifications (%1).</source>
        <translation>每个规格都必须有相同的属性（%1）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Field &apos;%1&apos; must list 1 to %2 ids.</source>
        <translation>字段“%1”需列出 1 到 %2 个编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field &apos;%1&apos; must list ids (lowercase UUIDs).</source>
        <translation>字段“%1”必须列出编号（小写 UUID）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field &apos;%1&apos; lists an id twice.</source>
        <translation>字段“%1”中有重复的编号。</translation>
    </message>
</context>
<context>
    <name>FinanceReport</name>
    <message>
        <location filename="../desktop/gui/FinanceReport.cpp" line="+64"/>
        <location line="+77"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Turnover (yuan)</source>
        <translation>营业额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds (yuan)</source>
        <translation>退款金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net turnover (yuan)</source>
        <translation>净收入（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+54"/>
        <location line="+23"/>
        <source>Paid orders</source>
        <translation>支付订单数</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Refunds (count)</source>
        <translation>退款笔数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average order value (yuan)</source>
        <translation>客单价（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 received (yuan)</source>
        <translation>%1收款（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 refunded (yuan)</source>
        <translation>%1退款（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recharge income (yuan)</source>
        <translation>充值收入（元）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+75"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+88"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+71"/>
        <source>Finance report %1</source>
        <translation>财务报表 %1</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+23"/>
        <source>Turnover</source>
        <translation>营业额</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Net turnover</source>
        <translation>净收入</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>%1 received, %2 refunded</source>
        <translation>收款 %1，退款 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recharge income</source>
        <translation>充值收入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>By month</source>
        <translation>按月明细</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By day</source>
        <translation>按日明细</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Net</source>
        <translation>净收入</translation>
    </message>
</context>
<context>
    <name>OrderFields</name>
    <message>
        <location filename="../shared/src/xiaodian/OrderFields.cpp" line="+37"/>
        <source>Checkout field %1 must be an object.</source>
        <translation>第 %1 个下单字段的格式不正确。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checkout field %1 has an unknown key &apos;%2&apos;.</source>
        <translation>第 %1 个下单字段含有未知的键“%2”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checkout field %1 needs an id of 1 to %2 letters, digits, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>第 %1 个下单字段的编号需为 1 到 %2 个字母、数字、“_”或“-”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checkout field &apos;%1&apos; needs a label of 1 to %2 characters.</source>
        <translation>下单字段“%1”的名称需为 1 到 %2 个字符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checkout field &apos;%1&apos; has an unknown type.</source>
        <translation>下单字段“%1”的类型未知。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;required&apos; of checkout field &apos;%1&apos; must be true or false.</source>
        <translation>下单字段“%1”的“required”必须是 true 或 false。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The position of checkout field &apos;%1&apos; must be a whole number from 0 to 1000.</source>
        <translation>下单字段“%1”的位置必须是 0 到 1000 之间的整数。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The options of checkout field &apos;%1&apos; must be a list.</source>
        <translation>下单字段“%1”的选项必须是列表。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only choice fields have options (&apos;%1&apos;).</source>
        <translation>只有单选或多选字段才能设置选项（“%1”）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choice field &apos;%1&apos; needs 2 to %2 options.</source>
        <translation>选择类字段“%1”需有 2 到 %2 个选项。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every option of &apos;%1&apos; needs 1 to %2 characters.</source>
        <translation>“%1”的每个选项需为 1 到 %2 个字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Option &apos;%1&apos; of &apos;%2&apos; appears twice.</source>
        <translation>“%2”的选项“%1”出现了两次。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;%1&apos; takes a list of choices.</source>
        <translation>“%1”应为选项列表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+45"/>
        <source>&apos;%1&apos; is not a choice of &apos;%2&apos;.</source>
        <translation>“%1”不是“%2”的可选项。</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>&apos;%1&apos; is chosen twice in &apos;%2&apos;.</source>
        <translation>“%2”中重复选择了“%1”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+16"/>
        <source>&apos;%1&apos; needs a number.</source>
        <translation>“%1”需填写数字。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>&apos;%1&apos; needs text.</source>
        <translation>“%1”需填写文字。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; takes at most %2 characters.</source>
        <translation>“%1”最多 %2 个字符。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; needs a phone number.</source>
        <translation>“%1”需填写电话号码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; needs a date like 2026-01-31.</source>
        <translation>“%1”需填写日期，格式如 2026-01-31。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>A shop has at most %1 checkout fields.</source>
        <translation>一个店铺最多 %1 个下单字段。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Two checkout fields have the id &apos;%1&apos;.</source>
        <translation>有两个下单字段的编号都是“%1”。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The shop asks no question &apos;%1&apos;.</source>
        <translation>店铺没有编号为“%1”的下单字段。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Please fill in &apos;%1&apos;.</source>
        <translation>请填写“%1”。</translation>
    </message>
</context>
<context>
    <name>OrderReceipt</name>
    <message>
        <location filename="../desktop/gui/OrderReceipt.cpp" line="+44"/>
        <location line="+106"/>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (not synced)</source>
        <translation>（未同步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+55"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Payment</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilment</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pickup code</source>
        <translation>自提码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shipment</source>
        <translation>物流信息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Buyer note</source>
        <translation>买家备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant remark</source>
        <translation>商家备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund reason</source>
        <translation>退款原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Items</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>小计</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(%1 refunded)</source>
        <translation>（已退 %1 件）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Goods</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery fee</source>
        <translation>配送费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payable</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>订单记录</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>OrderSettingsRules</name>
    <message>
        <location filename="../shared/src/xiaodian/OrderSettings.cpp" line="+36"/>
        <source>Field &apos;%1&apos; must be true or false.</source>
        <translation>字段“%1”必须是 true 或 false。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field &apos;%1&apos; must be a whole number from %2 to %3.</source>
        <translation>字段“%1”必须是 %2 到 %3 之间的整数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Field &apos;%1&apos; must be text.</source>
        <translation>字段“%1”必须是文本。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Field &apos;%1&apos; must be a list.</source>
        <translation>字段“%1”必须是列表。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown field &apos;%1&apos;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+31"/>
        <source>The merchant phone must be a mainland China mobile number.</source>
        <translation>商家手机号必须是中国大陆手机号码。</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Turn on at least one way of handing orders over: delivery, pickup or in-store service.</source>
        <translation>请至少开启一种配送方式：配送、自提或到店服务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The delivery fee must be from 0 to %1 fen.</source>
        <translation>配送费必须在 0 到 %1 分之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The free delivery threshold must be from 0 to %1 fen.</source>
        <translation>免配送费门槛必须在 0 到 %1 分之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pickup address has at most %1 characters.</source>
        <translation>自提地址最多 %1 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self-pickup needs the pickup address.</source>
        <translation>开启自提需填写自提地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unpaid orders close after %1 to %2 minutes.</source>
        <translation>未付款订单须在 %1 到 %2 分钟后自动关闭。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shipped orders complete after %1 to %2 days.</source>
        <translation>已发货订单须在 %1 到 %2 天后自动完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The after-sales period is 0 to %1 days.</source>
        <translation>售后期限须为 0 到 %1 天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new-order SMS needs the merchant&apos;s mobile number.</source>
        <translation>新订单短信通知需填写商家手机号。</translation>
    </message>
</context>
<context>
    <name>OrderStateMachine</name>
    <message>
        <location filename="../shared/src/xiaodian/OrderState.cpp" line="+277"/>
        <source>An order in state &apos;%1&apos; (%2, %3) cannot &apos;%4&apos;.</source>
        <translation>状态为“%1”（%2，%3）的订单不能执行“%4”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; may not &apos;%2&apos; an order in state &apos;%3&apos;.</source>
        <translation>“%1”无权对状态为“%3”的订单执行“%2”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The state before the refund request is missing or impossible.</source>
        <translation>申请退款前的订单状态缺失或不可能。</translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <location filename="../shared/src/xiaodian/Pricing.cpp" line="+17"/>
        <source>An order needs at least one line.</source>
        <translation>订单至少要有一件商品。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every line needs a SKU.</source>
        <translation>每件商品都要有规格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SKU &apos;%1&apos; is on more than one line.</source>
        <translation>规格“%1”在订单中出现了多次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The price of SKU &apos;%1&apos; is negative.</source>
        <translation>规格“%1”的价格不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quantity of SKU &apos;%1&apos; must be from 1 to %2.</source>
        <translation>规格“%1”的数量必须在 1 到 %2 之间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The delivery fee and its free-delivery threshold cannot be negative.</source>
        <translation>配送费和免配送费门槛不能为负数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A discount needs a label of 1 to %1 characters.</source>
        <translation>优惠名称须为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount &apos;%1&apos; is negative.</source>
        <translation>优惠“%1”的金额不能为负数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discount &apos;%1&apos; names SKU &apos;%2&apos;, which is not in the order.</source>
        <translation>优惠“%1”指定的规格“%2”不在订单中。</translation>
    </message>
</context>
<context>
    <name>ProductCsv</name>
    <message>
        <location filename="../desktop/core/ProductCsv.cpp" line="+201"/>
        <source>A quoted field that starts on line %1 never ends.</source>
        <translation>第 %1 行开始的带引号字段没有结束。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>A closing quote must be followed by a comma or the end of the line.</source>
        <translation>右引号后面只能是逗号或行尾。</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>Line %1: the column &apos;%2&apos; appears twice.</source>
        <translation>第 %1 行：列“%2”出现了两次。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Line %1: the header lacks the column(s) %2. The first line must name the columns, as an export does.</source>
        <translation>第 %1 行：表头缺少列 %2。第一行必须是列名，与导出的文件一样。</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+6"/>
        <source>The line has %1 fields; the header has %2.</source>
        <translation>此行有 %1 个字段，表头有 %2 个。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The lines of one product must follow each other; this product also has lines apart from these (first on line %1). Sort the sheet by product.</source>
        <translation>同一商品的各行必须相邻；此商品在别处还有行（最早在第 %1 行）。请按商品排序后再导入。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The price is missing.</source>
        <translation>缺少价格。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; is not an amount in yuan with at most two decimals.</source>
        <translation>“%1”不是最多两位小数的金额（元）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; must be from 0 to %2 yuan.</source>
        <translation>“%1”必须在 0 到 %2 元之间。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The column &apos;%1&apos; differs from line %2 of the same product.</source>
        <translation>列“%1”与同一商品第 %2 行的内容不同。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Two categories are called &apos;%1&apos;; rename one of them.</source>
        <translation>有两个分类都叫“%1”，请给其中一个改名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no category &apos;%1&apos;. Create it first, or write the path as &quot;Parent/Child&quot;.</source>
        <translation>没有分类“%1”。请先创建它，或按“上级/下级”写分类路径。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 products in this category are called &apos;%2&apos;; write the product id to say which one.</source>
        <translation>此分类中有 %1 个商品叫“%2”，请填写商品ID指明是哪一个。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is not a product id.</source>
        <translation>“%1”不是商品ID。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no product with the id %1 (deleted, or from another shop). Clear the id to add it as a new product.</source>
        <translation>没有ID为 %1 的商品（已删除或属于其他店铺）。清空ID即可作为新商品添加。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>On shelf is 1 or 0 (or 是/否), not &apos;%1&apos;.</source>
        <translation>上架应为 1 或 0（或 是/否），而不是“%1”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The sort weight must be a whole number from %1 to %2.</source>
        <translation>排序权重必须是 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The specifications &apos;%1&apos; must look like 规格:大杯;温度:冰.</source>
        <translation>规格“%1”的格式应为 规格:大杯;温度:冰。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A new product (no product id) cannot name SKU ids; clear them.</source>
        <translation>新商品（没有商品ID）不能填写SKU ID，请清空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The SKU %1 is not one of this product&apos;s SKUs.</source>
        <translation>SKU %1 不属于此商品。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The SKU %1 is already on line %2.</source>
        <translation>SKU %1 已在第 %2 行出现。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Every SKU of a product needs the same specifications (%1) as line %2.</source>
        <translation>同一商品的每个SKU都必须有与第 %2 行相同的规格项（%1）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The specifications &apos;%1&apos; are already on line %2.</source>
        <translation>规格“%1”已在第 %2 行出现。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The stock must be a whole number from 0 to %1, not &apos;%2&apos;.</source>
        <translation>库存必须是 0 到 %1 之间的整数，而不是“%2”。</translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+12"/>
        <location line="+184"/>
        <source>The file cannot be read from its start.</source>
        <translation>无法从头读取文件。</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>The file is not UTF-8. Save it as &quot;CSV UTF-8&quot; and import it again.</source>
        <translation>文件不是 UTF-8 编码。请另存为“CSV UTF-8”后重新导入。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>The file is empty: the first line must name the columns.</source>
        <translation>文件是空的：第一行必须是列名。</translation>
    </message>
</context>
<context>
    <name>ReviewRules</name>
    <message>
        <location filename="../shared/src/xiaodian/ReviewRules.cpp" line="+22"/>
        <source>Unknown field &apos;%1&apos;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Field &apos;%1&apos; must be an id (a lowercase UUID).</source>
        <translation>字段“%1”必须是编号（小写 UUID）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is text.</source>
        <translation>%1必须是文本。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 contains a control character.</source>
        <translation>%1包含控制字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has %2 to %3 characters.</source>
        <translation>%1需为 %2 到 %3 个字符。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Field &apos;items&apos; is a list of 1 to %1 reviews.</source>
        <translation>字段“items”必须是包含 1 到 %1 条评价的列表。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Review %1 is not an object.</source>
        <translation>第 %1 条评价的格式不正确。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+32"/>
        <source>Name the order line of each review (orderItemId).</source>
        <translation>每条评价都需指明对应的订单商品（orderItemId）。</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>The order line %1 is reviewed twice.</source>
        <translation>订单商品 %1 被评价了两次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The rating is a whole number from %1 to %2.</source>
        <translation>评分必须是 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The review text</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>Field &apos;images&apos; is a list of image ids.</source>
        <translation>字段“images”必须是图片编号的列表。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>A review shows at most %1 photos.</source>
        <translation>一条评价最多 %1 张图片。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The photo %1 appears twice.</source>
        <translation>图片 %1 出现了两次。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Field &apos;hidden&apos; must be true or false.</source>
        <translation>字段“hidden”必须是 true 或 false。</translation>
    </message>
</context>
<context>
    <name>ShopRules</name>
    <message>
        <location filename="../shared/src/xiaodian/ShopRules.cpp" line="+38"/>
        <source>Nothing to update.</source>
        <translation>没有需要更新的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown field &apos;%1&apos;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 has %2 to %3 characters.</source>
        <translation>%1需为 %2 到 %3 个字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The introduction</source>
        <translation>店铺简介</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>At most %1 entries are allowed.</source>
        <translation>最多只能有 %1 项。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each entry has 1 to %1 characters.</source>
        <translation>每一项需为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is not a phone number.</source>
        <translation>“%1”不是有效的电话号码。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opening hours have at most %1 time slots.</source>
        <translation>营业时间最多 %1 个时段。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opening days are distinct numbers from 1 (Monday) to 7 (Sunday).</source>
        <translation>营业日须为 1（周一）到 7（周日）之间互不重复的数字。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each time slot needs days and different opening and closing times (HH:MM).</source>
        <translation>每个时段都需要选择日期，并填写不同的开门和打烊时间（时:分）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Latitude and longitude are set together.</source>
        <translation>纬度和经度需要同时设置。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The location is outside the valid range.</source>
        <translation>位置超出有效范围。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The customer service settings are malformed.</source>
        <translation>客服设置格式有误。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A customer service message has at most %1 characters.</source>
        <translation>客服消息最多 %1 个字符。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A login has 1 to 64 letters, digits or _ . @ -</source>
        <translation>登录名为 1 到 64 个字母、数字或 _ . @ -</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A password has %1 to %2 characters.</source>
        <translation>密码需为 %1 到 %2 个字符。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A display name has %1 to %2 characters.</source>
        <translation>显示名称需为 %1 到 %2 个字符。</translation>
    </message>
</context>
<context>
    <name>SqlCipherResult</name>
    <message>
        <location filename="../desktop/core/SqlCipherResult.cpp" line="+197"/>
        <source>The database connection is closed</source>
        <translation>数据库连接已关闭</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unable to prepare the statement</source>
        <translation>无法准备语句</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The query contains no SQL statement</source>
        <translation>查询中没有 SQL 语句</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unable to execute multiple statements at a time</source>
        <translation>无法一次执行多条语句</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Parameter count mismatch: the statement has %1 placeholders, %2 values were bound</source>
        <translation>参数数量不匹配：语句有 %1 个占位符，但绑定了 %2 个值</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unable to bind value %1 (%2)</source>
        <translation>无法绑定值 %1（%2）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No prepared statement to execute</source>
        <translation>没有可执行的预处理语句</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Unable to fetch the row</source>
        <translation>无法读取该行</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../desktop/main.cpp" line="+30"/>
        <source>Back office for the Xiaodian WeChat mini-program shop.</source>
        <translation>小店微信小程序店铺的商家后台。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this interface language for this run (%1).</source>
        <translation>本次运行使用的界面语言（%1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shop server address to sign in to.</source>
        <translation>要登录的店铺服务器地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shop name or id.</source>
        <translation>店铺名称或编号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name.</source>
        <translation>用户名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the password from the first line of standard input and sign in.</source>
        <translation>从标准输入的第一行读取密码并登录。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown language &quot;%1&quot;. Choose one of: %2.</source>
        <translation>未知语言“%1”。可选：%2。</translation>
    </message>
</context>
<context>
    <name>xd::AdminApiClient</name>
    <message>
        <location filename="../desktop/core/AdminApiClient.cpp" line="+82"/>
        <source>The server cannot be reached: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server sent an unreadable answer.</source>
        <translation>服务器返回的内容无法识别。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server answered with HTTP status %1.</source>
        <translation>服务器返回 HTTP 状态 %1。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The server sent an incomplete sign-in answer.</source>
        <translation>服务器返回的登录信息不完整。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The server sent an incomplete upload answer.</source>
        <translation>服务器返回的上传结果不完整。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&quot;%1&quot; cannot be read: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An image is at most %1 MiB.</source>
        <translation>每张图片不能超过 %1 MB。</translation>
    </message>
</context>
<context>
    <name>xd::ArticleEditorDialog</name>
    <message>
        <location filename="../desktop/gui/ArticleEditorDialog.cpp" line="+154"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the editor and discard the changes to this article?</source>
        <translation>要关闭编辑器并放弃对这篇文章的修改吗？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The picture was not uploaded: %1</source>
        <translation>图片未上传：%1</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Wait until the cover picture is uploaded.</source>
        <translation>请等待封面图片上传完成。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the article a title.</source>
        <translation>请填写文章标题。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The scheduled time has passed. Choose a later time, or publish now.</source>
        <translation>定时发布的时间已过。请选择更晚的时间，或立即发布。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose a cover picture</source>
        <translation>选择封面图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file is not a picture Xiaodian can read.</source>
        <translation>此文件不是小店能识别的图片。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The cover was not uploaded: %1</source>
        <translation>封面未上传：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>New article</source>
        <translation>新建文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to %1 characters</source>
        <translation>最多 %1 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional, e.g. News or Recipes</source>
        <translation>选填，如：新闻、食谱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cover:</source>
        <translation>封面：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose picture…</source>
        <translation>选择图片(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Summary:</source>
        <translation>摘要(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown under the title in the list</source>
        <translation>在列表中显示于标题下方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body:</source>
        <translation>正文：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the article here</source>
        <translation>在此撰写文章正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publishing:</source>
        <translation>发布方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &amp;draft</source>
        <translation>存为草稿(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Published</source>
        <translation>已发布(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Publish &amp;now</source>
        <translation>立即发布(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sc&amp;hedule at</source>
        <translation>定时发布(&amp;H)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No cover</source>
        <translation>无封面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cover set</source>
        <translation>已设置封面</translation>
    </message>
</context>
<context>
    <name>xd::ArticleService</name>
    <message>
        <location filename="../desktop/core/ArticleService.cpp" line="+154"/>
        <source>Your role may not change articles.</source>
        <translation>您的角色无权修改文章。</translation>
    </message>
    <message>
        <location line="+227"/>
        <location line="+12"/>
        <source>There is no such article.</source>
        <translation>没有这篇文章。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no rejected article change %1.</source>
        <translation>没有被拒绝的文章修改 %1。</translation>
    </message>
</context>
<context>
    <name>xd::ArticleTableModel</name>
    <message>
        <location filename="../desktop/gui/ArticleTableModel.cpp" line="+137"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>定时发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (not synced)</source>
        <translation>%1（未同步）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changed on this computer; not on the server yet.</source>
        <translation>已在本机修改，尚未同步到服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows in the mini-program from %1.</source>
        <translation>将于 %1 起在小程序中显示。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Published at</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last edited</source>
        <translation>最后编辑</translation>
    </message>
</context>
<context>
    <name>xd::ArticlesPage</name>
    <message>
        <location filename="../desktop/gui/ArticlesPage.cpp" line="+147"/>
        <source>Delete article</source>
        <translation>删除文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1”? It disappears from the mini-program.</source>
        <translation>确定删除“%1”吗？删除后小程序中将不再显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+215"/>
        <location line="+15"/>
        <source>Articles</source>
        <translation>资讯</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>This article was deleted meanwhile.</source>
        <translation>这篇文章已被删除。</translation>
    </message>
    <message numerus="yes">
        <location line="+88"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>共 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>News and articles for the mini-program. Scheduled articles appear by themselves at their time.</source>
        <translation>小程序中的资讯和文章。定时发布的文章会在设定时间自动上线。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search titles</source>
        <translation>搜索标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>定时发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest published first</source>
        <translation>最新发布在前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last edited first</source>
        <translation>最近编辑在前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New article…</source>
        <translation>新建文章(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unpublish</source>
        <translation>取消发布(&amp;U)</translation>
    </message>
</context>
<context>
    <name>xd::CacheStore</name>
    <message>
        <location filename="../desktop/core/CacheStore.cpp" line="+519"/>
        <source>This cache was written by a newer version of Xiaodian (schema %1).</source>
        <translation>本机数据由更新版本的小店写入（结构版本 %1）。</translation>
    </message>
    <message>
        <location line="+388"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+220"/>
        <source>There is no operation %1.</source>
        <translation>没有编号为 %1 的操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation %1 is not synced yet and cannot be discarded.</source>
        <translation>操作 %1 尚未同步，不能放弃。</translation>
    </message>
</context>
<context>
    <name>xd::CatalogService</name>
    <message>
        <location filename="../desktop/core/CatalogService.cpp" line="+189"/>
        <source>Your role may not do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location line="+390"/>
        <source>The parent category does not exist.</source>
        <translation>上级分类不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Categories have two levels: the parent must be a top-level category.</source>
        <translation>分类最多两级：上级分类必须是一级分类。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A category with subcategories cannot become a subcategory.</source>
        <translation>含有子分类的分类不能成为子分类。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A shop has at most %1 categories.</source>
        <translation>一个店铺最多 %1 个分类。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>There is no such category.</source>
        <translation>没有这个分类。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The category has %n subcategories; move or delete them first.</source>
        <translation>
            <numerusform>该分类下有 %n 个子分类，请先移走或删除它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>The category holds %n products; move or delete them first.</source>
        <translation>
            <numerusform>该分类下有 %n 个商品，请先移走或删除它们。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The new order must list every category of that level exactly once.</source>
        <translation>新的顺序必须包含该级的每个分类，且每个只出现一次。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The category does not exist.</source>
        <translation>该分类不存在。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The stock of %1 changed meanwhile to %2; taking %3 away would go below 0.</source>
        <translation>%1 的库存已变为 %2，再减少 %3 将低于 0。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>There is no such product.</source>
        <translation>没有这个商品。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+27"/>
        <location line="+48"/>
        <source>Choose at least one product.</source>
        <translation>请至少选择一个商品。</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+22"/>
        <location line="+48"/>
        <source>A chosen product no longer exists.</source>
        <translation>所选的商品中有已不存在的商品。</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>The change must be a whole number of pieces other than 0.</source>
        <translation>调整数量必须是不为 0 的整数（件）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 has %2 in stock: %3 cannot be taken away.</source>
        <translation>%1 的库存为 %2，无法减少 %3。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 would hold more than %2 pieces.</source>
        <translation>%1 的库存将超过 %2 件。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The percentage must be above 0% and at most 10000%.</source>
        <translation>百分比必须大于 0% 且不超过 10000%。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A price of %1 would be outside 0 to %2 yuan.</source>
        <translation>价格 %1 将超出 0 到 %2 元的范围。</translation>
    </message>
</context>
<context>
    <name>xd::CategoriesPage</name>
    <message>
        <location filename="../desktop/gui/CategoriesPage.cpp" line="+103"/>
        <source>Add category</source>
        <translation>添加分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add subcategory</source>
        <translation>添加子分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Changed on this computer; not synced yet</source>
        <translation>已在本机修改，尚未同步</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>New category</source>
        <translation>新建分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rename category</source>
        <translation>重命名分类</translation>
    </message>
</context>
<context>
    <name>xd::DashboardPage</name>
    <message>
        <location filename="../desktop/gui/DashboardPage.cpp" line="+223"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today at a glance, compared with yesterday, from this computer&apos;s copy of the shop&apos;s figures (updated with every sync).</source>
        <translation>今日经营数据一览，并与昨日对比。数据取自本机保存的店铺数据，每次同步时更新。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+104"/>
        <source>Turnover</source>
        <translation>营业额</translation>
    </message>
    <message>
        <location line="-103"/>
        <location line="+106"/>
        <source>Paid orders</source>
        <translation>支付订单数</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Visitors</source>
        <translation>访客数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase rate</source>
        <translation>支付转化率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money received today (online payments and cash collected), before refunds.</source>
        <translation>今日收到的款项（线上支付和货到付款收款），未扣除退款。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders whose money was received today.</source>
        <translation>今日已收款的订单数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distinct visitors of the mini-program today.</source>
        <translation>今日访问小程序的访客人数（去重）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paying customers per visitor.</source>
        <translation>支付人数占访客数的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net turnover (after refunds) per paid order.</source>
        <translation>平均每笔支付订单的净收入（已扣除退款）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last %1 days</source>
        <translation>近 %1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders waiting for you</source>
        <translation>待处理订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid orders and cash-on-delivery orders to accept</source>
        <translation>待接单的已付款订单和货到付款订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted orders to ship or hand over</source>
        <translation>已接单、待发货或待交付的订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers asking for their money back</source>
        <translation>顾客已申请退款的订单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sign in to see the shop&apos;s figures.</source>
        <translation>登录后即可查看店铺数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The figures cannot be read: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today, %1</source>
        <translation>今天：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+37"/>
        <source>unchanged</source>
        <translation>持平</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+27"/>
        <location line="+4"/>
        <source>Yesterday %1</source>
        <translation>昨日 %1</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Net %1 (refunds %2)</source>
        <translation>净收入 %1（退款 %2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Placed today: %1</source>
        <translation>今日下单：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Page views: %1</source>
        <translation>浏览量：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paying customers: %1</source>
        <translation>支付人数：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 pp</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Net turnover ÷ paid orders</source>
        <translation>净收入 ÷ 支付订单数</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1
Turnover %2
Net %3
Paid orders %4</source>
        <translation>%1
营业额 %2
净收入 %3
支付订单数 %4</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>To accept</source>
        <translation>待接单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To ship</source>
        <translation>待发货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund requests</source>
        <translation>退款申请</translation>
    </message>
</context>
<context>
    <name>xd::DesktopSession</name>
    <message>
        <location filename="../desktop/core/DesktopSession.cpp" line="+94"/>
        <source>No account is remembered on this computer.</source>
        <translation>此电脑上没有记住的账号。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The remembered account is incomplete.</source>
        <translation>记住的账号信息不完整。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The remembered sign-in has expired.</source>
        <translation>记住的登录已过期。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This computer&apos;s copy of the shop is protected by a passphrase.</source>
        <translation>本机的店铺数据受口令保护。</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+14"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>This account&apos;s data is opened with the keychain, not a passphrase.</source>
        <translation>此账号的本机数据由系统钥匙串打开，不使用口令。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>This computer still has changes the server has not received.</source>
        <translation>此电脑上还有服务器尚未收到的修改。</translation>
    </message>
</context>
<context>
    <name>xd::FinancePage</name>
    <message>
        <location filename="../desktop/gui/FinancePage.cpp" line="+59"/>
        <source>%1
Turnover: %2
Refunds: %3
Net: %4
Paid orders: %5</source>
        <translation>%1
营业额：%2
退款：%3
净收入：%4
支付订单数：%5</translation>
    </message>
    <message>
        <location line="+101"/>
        <location line="+242"/>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>Finance report %1</source>
        <translation>财务报表 %1</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Turnover by month</source>
        <translation>每月营业额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turnover by day</source>
        <translation>每日营业额</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+114"/>
        <source>Turnover</source>
        <translation>营业额</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Net</source>
        <translation>净收入</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Received by payment method</source>
        <translation>各支付方式收款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No money received in this period</source>
        <translation>该时间段内没有收款</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export finance report as CSV</source>
        <translation>将财务报表导出为 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>finance-%1.csv</source>
        <translation>财务报表-%1.csv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export finance report as PDF</source>
        <translation>将财务报表导出为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>finance-%1.pdf</source>
        <translation>财务报表-%1.pdf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The money of a period: turnover (payments received and cash collected), refunds and net turnover, by day and by payment method. Figures are counted on the shop&apos;s local day the money moved.</source>
        <translation>所选时间段的资金情况：营业额（线上收款和现金收款）、退款和净收入，按天和按支付方式统计。各项数据按资金收付当天（店铺当地日期）计入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per day and a total row, amounts in yuan, for Excel</source>
        <translation>每天一行，另加一行合计，金额单位为元，可用 Excel 打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net turnover</source>
        <translation>净收入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid orders</source>
        <translation>支付订单数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds (count)</source>
        <translation>退款笔数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 received</source>
        <translation>%1收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 refunded</source>
        <translation>%1退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recharge income</source>
        <translation>充值收入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>xd::MainWindow</name>
    <message>
        <location filename="../desktop/gui/MainWindow.cpp" line="+52"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today at a glance: new orders, turnover, visitors and what needs attention.</source>
        <translation>今日经营一目了然：新订单、营业额、访客和待办事项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders from the mini-program: accept, ship, refund, print.</source>
        <translation>来自小程序的订单：接单、发货、退款、打印。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products with specifications, stock, images and categories.</source>
        <translation>商品的规格、库存、图片和分类。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Articles</source>
        <translation>资讯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>News and articles published to the mini-program.</source>
        <translation>发布到小程序的资讯和文章。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member profiles, levels and cards, points and stored value.</source>
        <translation>会员资料、等级与会员卡、积分和储值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Marketing</source>
        <translation>营销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discounts, coupons, team buys, flash sales, red packets, the points mall and distribution.</source>
        <translation>折扣、优惠券、拼团、限时购、红包、积分商城和分销。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turnover by day and period, payment methods, refunds and recharge income.</source>
        <translation>按日和按时段的营业额、支付方式、退款和充值收入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page views, visitors, conversion rate and average order value.</source>
        <translation>浏览量、访客数、转化率和客单价。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat with customers in the mini-program and answer their questions.</source>
        <translation>与小程序里的顾客在线沟通，解答他们的问题。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shop settings</source>
        <translation>店铺设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop profile, address, phone, opening hours and the custom fields buyers fill in at checkout.</source>
        <translation>店铺介绍、地址、电话、营业时间，以及顾客下单时填写的自定义信息。</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>基于 Qt %1 构建，运行于 Qt %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The back office for a WeChat mini-program shop: orders, products, members, marketing and finance in one place.</source>
        <translation>微信小程序店铺的商家后台：订单、商品、会员、营销和财务，一处管理。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xiaodian</source>
        <translation>小店</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About Xiaodian</source>
        <translation>关于小店</translation>
    </message>
    <message>
        <location line="+138"/>
        <location line="+30"/>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Xiaodian Back Office</source>
        <translation>小店商家后台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;in…</source>
        <translation>登录(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the back office</source>
        <translation>关闭商家后台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Xiaodian</source>
        <translation>关于小店(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modules</source>
        <translation>功能模块</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not connected to the shop server.</source>
        <translation>未连接到店铺服务器。</translation>
    </message>
</context>
<context>
    <name>xd::ModulePage</name>
    <message>
        <location filename="../desktop/gui/ModulePage.cpp" line="+81"/>
        <source>This module arrives in a later release.</source>
        <translation>此模块将在后续版本中推出。</translation>
    </message>
</context>
<context>
    <name>xd::OpeningHoursEditor</name>
    <message numerus="yes">
        <location filename="../desktop/gui/OpeningHoursEditor.cpp" line="+145"/>
        <source>At most %n time slots.</source>
        <translation>
            <numerusform>最多 %n 个时段。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Time slot %1: choose at least one day.</source>
        <translation>第 %1 个时段：请至少选择一天。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time slot %1: enter the opening and closing time.</source>
        <translation>第 %1 个时段：请填写开门和打烊时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time slot %1: the closing time must differ from the opening time.</source>
        <translation>第 %1 个时段：打烊时间不能与开门时间相同。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time slot %1: the days are not valid.</source>
        <translation>第 %1 个时段：日期无效。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Time slots %1 and %2 overlap (%3).</source>
        <translation>第 %1 和第 %2 个时段有重叠（%3）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>No opening hours yet. Customers see none in the mini-program.</source>
        <translation>尚未设置营业时间，小程序中不会显示。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add time slot</source>
        <translation>添加时段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(next day)</source>
        <translation>（次日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closes after midnight, on the following day.</source>
        <translation>营业到午夜之后，次日打烊。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this time slot</source>
        <translation>删除此时段</translation>
    </message>
</context>
<context>
    <name>xd::OrderService</name>
    <message>
        <location filename="../desktop/core/OrderService.cpp" line="+346"/>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New (cash on delivery)</source>
        <translation>新订单（货到付款）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid, to accept</source>
        <translation>已付款，待接单</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+41"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+41"/>
        <source>Ready for pickup</source>
        <translation>待自提</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>In service</source>
        <translation>服务中</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+42"/>
        <source>Closed (unpaid)</source>
        <translation>已关闭（未付款）</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+42"/>
        <source>Refund requested</source>
        <translation>已申请退款</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+43"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self-pickup</source>
        <translation>自提</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In-store service</source>
        <translation>到店服务</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Stored balance</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash on delivery</source>
        <translation>货到付款</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Placed</source>
        <translation>已下单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service started</source>
        <translation>已开始服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money collected</source>
        <translation>已收款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund request withdrawn</source>
        <translation>已撤销退款申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund rejected</source>
        <translation>已驳回退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment not accepted</source>
        <translation>付款未入账（异常）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+385"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location line="-383"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+187"/>
        <location line="+131"/>
        <source>Your role may not do this to orders.</source>
        <translation>您的角色无权对订单执行此操作。</translation>
    </message>
    <message>
        <location line="-126"/>
        <location line="+135"/>
        <source>There is no such order.</source>
        <translation>没有这个订单。</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Order %1 is “%2” now; this cannot be done to it any more.</source>
        <translation>订单 %1 当前为“%2”，已不能执行此操作。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the customer&apos;s pickup code.</source>
        <translation>请输入顾客的自提码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pickup code does not match order %1.</source>
        <translation>自提码与订单 %1 不符。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The refund must be more than 0 and at most %1 yuan.</source>
        <translation>退款金额必须大于 0 元且不超过 %1 元。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without a refund request, the refund must be more than 0 and less than %1 yuan; cancel the order to pay everything back.</source>
        <translation>没有退款申请时，退款金额必须大于 0 元且小于 %1 元；如需全额退款，请取消订单。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is required.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+77"/>
        <source>%1 may have at most %2 characters.</source>
        <translation>%1最多 %2 个字符。</translation>
    </message>
    <message>
        <location line="-64"/>
        <location line="+90"/>
        <source>The carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+92"/>
        <source>The tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+7"/>
        <source>The reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+22"/>
        <source>Select the orders first.</source>
        <translation>请先选择订单。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Order %1: %2</source>
        <translation>订单 %1：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+23"/>
        <location line="+38"/>
        <source>Cannot write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placed at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilment</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goods (yuan)</source>
        <translation>商品金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount (yuan)</source>
        <translation>优惠（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery fee (yuan)</source>
        <translation>配送费（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payable (yuan)</source>
        <translation>应付金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid (yuan)</source>
        <translation>实付金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunded (yuan)</source>
        <translation>退款金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer note</source>
        <translation>买家备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant remark</source>
        <translation>商家备注</translation>
    </message>
</context>
<context>
    <name>xd::OrderSettingsPage</name>
    <message>
        <location filename="../desktop/gui/OrderSettingsPage.cpp" line="+559"/>
        <source>Turn on at least one of delivery, self-pickup and in-store service.</source>
        <translation>请至少开启配送、自提和到店服务中的一项。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Self-pickup needs the address where customers pick up.</source>
        <translation>开启自提需填写顾客取货的地址。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not an amount in yuan such as 5 or 5.50 (at most two decimals).</source>
        <translation>“%1”不是有效的金额（元），应类似 5 或 5.50（最多两位小数）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter an amount from 0 to %1 yuan.</source>
        <translation>请输入 0 到 %1 元之间的金额。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter a mainland China mobile number, e.g. 13800138000.</source>
        <translation>请输入中国大陆手机号码，例如 13800138000。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new-order SMS needs your mobile number.</source>
        <translation>新订单短信通知需填写您的手机号。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checkout field %1 needs a name.</source>
        <translation>第 %1 个下单字段需填写名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name of checkout field %1 has at most %2 characters.</source>
        <translation>第 %1 个下单字段的名称最多 %2 个字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Two checkout fields are called &quot;%1&quot;.</source>
        <translation>有两个下单字段都叫“%1”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is a choice: give it 2 to %2 options, separated by commas.</source>
        <translation>“%1”为选择类字段：请填写 2 到 %2 个选项，用逗号分隔。</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+59"/>
        <source>Correct the fields marked in red, then save.</source>
        <translation>请修正标红的内容后再保存。</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Saved. The change reaches the mini-program with the next sync.</source>
        <translation>已保存。修改将在下次同步后在小程序中生效。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Unsaved changes.</source>
        <translation>有未保存的修改。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Ordering</source>
        <translation>订单设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How customers order in the mini-program: ways of handing orders over, the delivery fee, timers, checkout questions and SMS notices.</source>
        <translation>顾客在小程序中如何下单：配送方式、配送费、订单时限、自定义下单字段和短信通知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the shop owner can change these settings.</source>
        <translation>只有店主可以修改这些设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat mini-program and payment…</source>
        <translation>微信小程序与支付…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AppID, AppSecret and the WeChat Pay merchant credentials (online only)</source>
        <translation>AppID、AppSecret 和微信支付商户凭证（仅可在线设置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handing orders over</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delivery to the customer&apos;s address</source>
        <translation>配送到顾客地址(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-&amp;pickup at the shop</source>
        <translation>到店自提(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pickup &amp;address:</source>
        <translation>自提地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where customers collect their orders</source>
        <translation>顾客取货的地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;In-store service (appointment)</source>
        <translation>到店服务（预约）(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash on deli&amp;very</source>
        <translation>货到付款(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivery fee</source>
        <translation>配送费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fee (yuan):</source>
        <translation>配送费（元）(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 5.00; 0 = free</source>
        <translation>如 5.00；0 表示免配送费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free from (&amp;yuan):</source>
        <translation>满额免配送费（元）(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 49.00; 0 = never free</source>
        <translation>如 49.00；0 表示不免配送费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timers</source>
        <translation>时限设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close &amp;unpaid orders after:</source>
        <translation>未付款订单自动关闭(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Complete shipped orders after:</source>
        <translation>已发货订单自动完成(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>After-&amp;sales window:</source>
        <translation>售后期限(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkout questions</source>
        <translation>自定义下单字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra questions at checkout, e.g. delivery time slot or invoice title. Separate the options of a choice with commas.</source>
        <translation>顾客下单时需额外填写的信息，如配送时段或发票抬头。单选、多选的选项之间用逗号分隔。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Single choice</source>
        <translation>单选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Multiple choice</source>
        <translation>多选</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMS notices</source>
        <translation>短信通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text &amp;me when a new order is paid</source>
        <translation>新订单付款后短信通知我(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;My mobile:</source>
        <translation>我的手机号(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 13800138000</source>
        <translation>如 13800138000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text the customer when the payment arrives</source>
        <translation>付款成功后短信通知顾客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text the customer when the order ships</source>
        <translation>订单发货后短信通知顾客</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Revert</source>
        <translation>撤销修改(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>xd::OrderSettingsService</name>
    <message>
        <location filename="../desktop/core/OrderSettingsService.cpp" line="+55"/>
        <source>The order settings on this computer cannot be read: %1</source>
        <translation>无法读取本机的订单设置：%1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Only the shop owner can change the order settings.</source>
        <translation>只有店主可以修改订单设置。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing to save: the settings are unchanged.</source>
        <translation>没有需要保存的内容：设置未改动。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no rejected order settings change %1.</source>
        <translation>没有被拒绝的订单设置修改 %1。</translation>
    </message>
</context>
<context>
    <name>xd::OrderTableModel</name>
    <message>
        <location filename="../desktop/gui/OrderTableModel.cpp" line="+138"/>
        <source>%1 (not synced)</source>
        <translation>%1（未同步）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changed on this computer; not on the server yet.</source>
        <translation>已在本机修改，尚未同步到服务器。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fulfilment</source>
        <translation>配送方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>xd::OrdersPage</name>
    <message>
        <location filename="../desktop/gui/OrdersPage.cpp" line="+245"/>
        <location line="+451"/>
        <location line="+38"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-479"/>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>&amp;Verify pickup code…</source>
        <translation>核销自提码(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;omplete</source>
        <translation>完成(&amp;O)</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>共 %n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Verify pickup code</source>
        <translation>核销自提码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order %1: enter the pickup code the customer shows.</source>
        <translation>订单 %1：请输入顾客出示的自提码。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancel order %1</source>
        <translation>取消订单 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer gets ¥%1 back. Why is the order cancelled?</source>
        <translation>取消后将向顾客退款 ¥%1。请填写取消原因：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why is the order cancelled? The customer sees the reason.</source>
        <translation>请填写取消原因，顾客可以看到该原因。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Reject the refund of order %1</source>
        <translation>驳回订单 %1 的退款申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer asked: “%1”. Tell them why the refund is rejected:</source>
        <translation>顾客的申请：“%1”。请说明驳回退款的原因：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Remark on order %1</source>
        <translation>订单 %1 的备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for the shop&apos;s staff; the customer does not see it.</source>
        <translation>仅供店铺员工查看，顾客看不到。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export order as PDF</source>
        <translation>将订单导出为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>order-%1.pdf</source>
        <translation>订单-%1.pdf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export orders as CSV</source>
        <translation>将订单导出为 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>orders.csv</source>
        <translation>订单.csv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order %1 is waiting for you.</source>
        <translation>订单 %1 待处理。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n new order(s) are waiting for you.</source>
        <translation>
            <numerusform>有 %n 个新订单待处理。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Orders from the mini-program. Changes made here without a connection are sent when the shop is online again.</source>
        <translation>来自小程序的订单。离线时所做的修改会在恢复连接后自动同步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To accept</source>
        <translation>待接单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund requests</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Placed from</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All fulfilment</source>
        <translation>全部配送方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All payment methods</source>
        <translation>全部支付方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order number, phone or customer</source>
        <translation>订单号、电话或顾客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Accept</source>
        <translation>接单(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ship…</source>
        <translation>发货(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ready for pickup</source>
        <translation>备货完成(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start &amp;service</source>
        <translation>开始服务(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash co&amp;llected</source>
        <translation>确认收款(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel order…</source>
        <translation>取消订单(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;fund…</source>
        <translation>退款(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject refund…</source>
        <translation>驳回退款(&amp;J)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;mark…</source>
        <translation>备注(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The orders the list shows (state, dates, filters) as CSV for Excel</source>
        <translation>将列表中当前显示的订单（按状态、日期和筛选条件）导出为可用 Excel 打开的 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sound on new orders</source>
        <translation>新订单声音提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify on new orders</source>
        <translation>新订单桌面通知</translation>
    </message>
</context>
<context>
    <name>xd::PeriodPicker</name>
    <message>
        <location filename="../desktop/gui/PeriodPicker.cpp" line="+132"/>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A report covers at most %1 days; choose a shorter range.</source>
        <translation>一份报表最多涵盖 %1 天，请选择更短的时间段。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom range</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 to %2, %3 days</source>
        <translation>%1 至 %2，共 %3 天</translation>
    </message>
</context>
<context>
    <name>xd::PhotoStripWidget</name>
    <message numerus="yes">
        <location filename="../desktop/gui/PhotoStripWidget.cpp" line="+194"/>
        <location line="+41"/>
        <source>A shop has at most %n photos. Remove one first.</source>
        <translation>
            <numerusform>店铺最多 %n 张照片，请先删除一张。</numerusform>
        </translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Cannot read &quot;%1&quot;.</source>
        <translation>无法读取“%1”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is larger than %2 MB. Choose a smaller photo.</source>
        <translation>“%1”超过 %2 MB，请选择较小的照片。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; is not a JPEG or PNG image.</source>
        <translation>“%1”不是 JPEG 或 PNG 图片。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add shop photos</source>
        <translation>添加店铺照片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this photo from the shop? Customers will no longer see it.</source>
        <translation>确定删除这张照片吗？删除后顾客将看不到它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+46"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No photos yet. Photos of the shop front and the inside help customers find you and trust you.</source>
        <translation>还没有照片。门头和店内环境的照片能帮助顾客找到您、信任您。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG or PNG, at most %1 MB each</source>
        <translation>JPEG 或 PNG 格式，每张不超过 %1 MB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move left</source>
        <translation>左移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move right</source>
        <translation>右移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first photo is the cover. Drag a photo or use the buttons to reorder.</source>
        <translation>第一张为封面。拖动照片或使用按钮调整顺序。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 × %2 pixels, %3</source>
        <translation>%1 × %2 像素，%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cover photo</source>
        <translation>封面</translation>
    </message>
</context>
<context>
    <name>xd::ProductCsvActions</name>
    <message>
        <location filename="../desktop/gui/ProductCsvActions.cpp" line="+63"/>
        <source>products-%1.csv</source>
        <translation>商品-%1.csv</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <location line="+8"/>
        <location line="+9"/>
        <source>Export products</source>
        <translation>导出商品</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+39"/>
        <location line="+11"/>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+17"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Exporting products…</source>
        <translation>正在导出商品…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importing products from %1…</source>
        <translation>正在从 %1 导入商品…</translation>
    </message>
</context>
<context>
    <name>xd::ProductCsvReportDialog</name>
    <message>
        <location filename="../desktop/gui/ProductCsvReportDialog.cpp" line="+78"/>
        <location line="+13"/>
        <location line="+81"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+13"/>
        <location line="+81"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+14"/>
        <location line="+80"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+3"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 - rejected lines.csv</source>
        <translation>%1 - 未导入的行.csv</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>Save rejected lines</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The import was cancelled; the products before that point were queued whole, the rest were not read.</source>
        <translation>导入已取消；取消前的商品已完整加入待同步队列，其余未读取。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 products read from %n line(s) (%2).</source>
        <translation>
            <numerusform>从 %n 行读取了 %1 个商品（%2）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New: %1. Changed: %2. Unchanged: %3. Rejected: %4.</source>
        <translation>新增：%1。修改：%2。未变：%3。未导入：%4。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n change(s) will be sent to the server with the next sync.</source>
        <translation>
            <numerusform>%n 项更改将在下次同步时发送到服务器。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns not used: %1.</source>
        <translation>未使用的列：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was queued for the products of these lines. Correct them in the file and import it again; products already imported are recognised and stay unchanged.</source>
        <translation>以下各行的商品均未导入。请在文件中改正后重新导入；已导入的商品会被识别，不会重复。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Product import</source>
        <translation>商品导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the rejected lines, to paste into a spreadsheet</source>
        <translation>复制未导入的行，可粘贴到电子表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the rejected lines as a CSV file</source>
        <translation>将未导入的行保存为 CSV 文件</translation>
    </message>
</context>
<context>
    <name>xd::ProductEditorDialog</name>
    <message>
        <location filename="../desktop/gui/ProductEditorDialog.cpp" line="+72"/>
        <source>(single SKU)</source>
        <translation>（单规格）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On shelf (customers see it)</source>
        <translation>上架（顾客可见）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Higher comes first in the mini-program&apos;s default order.</source>
        <translation>数值越大，在小程序默认排序中越靠前。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add image…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Specification</source>
        <translation>规格属性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values (separated by commas)</source>
        <translation>属性值（用逗号分隔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add specification</source>
        <translation>添加规格属性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove specification</source>
        <translation>删除规格属性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate SKUs</source>
        <translation>生成规格</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Specifications</source>
        <translation>规格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price (yuan)</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Original price (yuan)</source>
        <translation>原价（元）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>规格编码</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sort weight</source>
        <translation>排序权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description</source>
        <translation>商品详情</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Specifications (at most %1)</source>
        <translation>规格属性（最多 %1 种）</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+222"/>
        <source>A product has at most %1 specifications.</source>
        <translation>一个商品最多 %1 种规格属性。</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Add an image</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Each specification needs a name and at least one value.</source>
        <translation>每种规格属性都需要填写名称和至少一个属性值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The specification %1 is listed twice.</source>
        <translation>规格属性“%1”重复了。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>These specifications make %1 combinations; a product has at most %2 SKUs.</source>
        <translation>这些规格属性可组合出 %1 个规格，而一个商品最多 %2 个规格。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Images cannot be uploaded now (not signed in).</source>
        <translation>当前无法上传图片（未登录）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A product has at most %1 images.</source>
        <translation>一个商品最多 %1 张图片。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>SKU %1: enter a price in yuan with at most two decimals, e.g. 12.50.</source>
        <translation>规格 %1：请输入以元为单位、最多两位小数的价格，例如 12.50。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SKU %1: the original price is in yuan, e.g. 15.00, or empty.</source>
        <translation>规格 %1：原价以元为单位，例如 15.00，也可留空。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SKU %1: the stock is a whole number.</source>
        <translation>规格 %1：库存必须是整数。</translation>
    </message>
</context>
<context>
    <name>xd::ProductTableModel</name>
    <message>
        <location filename="../desktop/gui/ProductTableModel.cpp" line="+118"/>
        <source>Changed on this computer; not synced yet</source>
        <translation>已在本机修改，尚未同步</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On shelf</source>
        <translation>已上架</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Off shelf</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shelf</source>
        <translation>上架状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>xd::ProductsPage</name>
    <message>
        <location filename="../desktop/gui/ProductsPage.cpp" line="+183"/>
        <source>Filter by name, keyword or SKU code</source>
        <translation>按名称、关键词或规格编码筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On and off shelf</source>
        <translation>上架和下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On shelf</source>
        <translation>已上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off shelf</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put on shelf</source>
        <translation>上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take off shelf</source>
        <translation>下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change price…</source>
        <translation>修改价格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change stock…</source>
        <translation>调整库存…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>%n products, %1 selected</source>
        <translation>
            <numerusform>共 %n 个商品，已选 %1 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n products</source>
        <translation>
            <numerusform>共 %n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The product no longer exists.</source>
        <translation>该商品已不存在。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Delete products</source>
        <translation>删除商品</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n products? Customers will no longer see them.</source>
        <translation>
            <numerusform>确定删除 %n 个商品吗？删除后顾客将看不到它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Change the price of %n products</source>
        <translation>
            <numerusform>修改 %n 个商品的价格</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every SKU at this percentage of its price:</source>
        <translation>所有规格调整为现价的：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every SKU at this price (yuan):</source>
        <translation>所有规格统一改为（元）：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter a price in yuan with at most two decimals, e.g. 12.50.</source>
        <translation>请输入以元为单位、最多两位小数的价格，例如 12.50。</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Change the stock of %n products</source>
        <translation>
            <numerusform>调整 %n 个商品的库存</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces to add to every SKU (negative: to take away). The change is added to the stock the server holds then, so sales meanwhile are not undone.</source>
        <translation>每个规格增加的库存件数（负数表示减少）。调整量会累加到服务器届时的库存上，因此期间产生的销售不会被抵消。</translation>
    </message>
</context>
<context>
    <name>xd::RefundDialog</name>
    <message>
        <location filename="../desktop/gui/OrderDialogs.cpp" line="+109"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A part:</source>
        <translation>部分退款：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yuan, e.g. 12.50</source>
        <translation>金额（元），如 12.50</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason:</source>
        <translation>退款原因：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Refund order %1</source>
        <translation>订单 %1 退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>¥%1 can still be paid back. The money goes back the way it was paid.</source>
        <translation>还可退款 ¥%1。款项将按原支付方式退回。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All: ¥%1</source>
        <translation>全额退款：¥%1</translation>
    </message>
</context>
<context>
    <name>xd::RejectedOperationsDialog</name>
    <message>
        <location filename="../desktop/gui/RejectedOperationsDialog.cpp" line="+80"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send this change again as a new operation</source>
        <translation>作为新操作重新提交此修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up this change; the server&apos;s data stays as it is</source>
        <translation>放弃此修改，服务器上的数据保持不变</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Changes the server refused</source>
        <translation>未被服务器接受的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not accept these changes, so they are not in the shop. Retry a change once the reason is sorted out, or discard it.</source>
        <translation>服务器没有接受以下修改，它们不会生效。请在解决原因后重试，或放弃该修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>xd::ReviewService</name>
    <message>
        <location filename="../desktop/core/ReviewService.cpp" line="+225"/>
        <source>Your role may not answer reviews.</source>
        <translation>你的角色不能回复评价。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+18"/>
        <source>There is no such review.</source>
        <translation>没有这条评价。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Only the owner may hide or show reviews.</source>
        <translation>只有店主可以隐藏或显示评价。</translation>
    </message>
</context>
<context>
    <name>xd::ReviewsPage</name>
    <message>
        <location filename="../desktop/gui/ReviewsPage.cpp" line="+95"/>
        <location line="+206"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>%1 reviews (the newest %2 shown)</source>
        <translation>共 %1 条评价（显示最新的 %2 条）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n 条评价</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+140"/>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Not sent yet</source>
        <translation>未同步</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <location line="+119"/>
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n 星</numerusform>
        </translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Show on product page</source>
        <translation>在商品页显示</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide from product page</source>
        <translation>从商品页隐藏</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reply to %1</source>
        <translation>回复 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your answer, shown under the review on the product page</source>
        <translation>你的回复，显示在商品页的评价下方</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+59"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>What customers wrote about their orders. Answer them, or take a review off the product page; changes made without a connection are sent when the shop is online again.</source>
        <translation>顾客对订单的评价。可以回复，也可以把评价从商品页隐藏；离线时所做的修改会在恢复连接后自动同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All ratings</source>
        <translation>全部评分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shown and hidden</source>
        <translation>显示和隐藏的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown</source>
        <translation>显示中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered or not</source>
        <translation>已回复和未回复的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not answered</source>
        <translation>未回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply…</source>
        <translation>回复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>xd::RichTextEditor</name>
    <message>
        <location filename="../desktop/gui/RichTextEditor.cpp" line="+396"/>
        <source>Body text</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 1</source>
        <translation>标题 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 2</source>
        <translation>标题 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 3</source>
        <translation>标题 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paragraph style</source>
        <translation>段落样式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bold</source>
        <translation>加粗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+181"/>
        <source>Text colour</source>
        <translation>文字颜色</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>• List</source>
        <translation>• 列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulleted list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1. List</source>
        <translation>1. 列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Numbered list</source>
        <translation>编号列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left</source>
        <translation>居左</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Align left</source>
        <translation>左对齐</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Centre</source>
        <translation>居中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right</source>
        <translation>居右</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Align right</source>
        <translation>右对齐</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+209"/>
        <source>Insert a picture</source>
        <translation>插入图片</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear formatting</source>
        <translation>清除格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rich text</source>
        <translation>富文本</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file is not a picture Xiaodian can read.</source>
        <translation>此文件不是小店能识别的图片。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server answered an unusable picture address.</source>
        <translation>服务器返回的图片地址无法使用。</translation>
    </message>
</context>
<context>
    <name>xd::SessionController</name>
    <message>
        <location filename="../desktop/gui/SessionController.cpp" line="+147"/>
        <location line="+195"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-194"/>
        <location line="+195"/>
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="-192"/>
        <location line="+193"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>Protect this computer&apos;s copy of the shop</source>
        <translation>保护本机的店铺数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No system keychain is available. Choose a passphrase that encrypts the shop&apos;s data on this computer; you will be asked for it at each start.</source>
        <translation>系统钥匙串不可用。请设置一个口令，用于加密本机的店铺数据；以后每次启动都需要输入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the passphrase of this computer&apos;s copy of the shop:</source>
        <translation>请输入本机店铺数据的口令：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsynced changes</source>
        <translation>未同步的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The encrypted copy of the shop on this computer cannot be opened (its key is lost), and it holds changes the server has not received yet. Discard those changes and download the shop again?</source>
        <translation>本机加密的店铺数据无法打开（密钥已丢失），其中还有服务器尚未收到的修改。要放弃这些修改并重新下载店铺数据吗？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Xiaodian</source>
        <translation>小店</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out of this shop on this computer?</source>
        <translation>要在此电脑上退出该店铺吗？</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) have not reached the server yet. Keep this computer&apos;s copy to send them after the next sign-in; deleting it drops them.</source>
        <translation>
            <numerusform>还有 %n 项修改未送达服务器。保留本机数据可在下次登录后继续发送；删除将丢弃这些修改。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer keeps an encrypted copy of the shop for the next sign-in; you can delete it.</source>
        <translation>此电脑会保留一份加密的店铺数据，方便下次登录；您也可以删除它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out, keep the copy</source>
        <translation>退出并保留数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out and delete the copy</source>
        <translation>退出并删除数据</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password is not kept after the server refused the change. Enter it again to retry:</source>
        <translation>服务器拒绝该修改后，密码不会被保留。请重新输入密码以重试：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your session has ended (the password was changed or the account was disabled). Please sign in again. Unsynced changes stay on this computer.</source>
        <translation>登录已失效（密码已修改或账号已停用），请重新登录。未同步的修改仍保留在本机。</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Shop profile</source>
        <translation>店铺资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordering</source>
        <translation>订单设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or update products from a CSV file (UTF-8 or GB18030)</source>
        <translation>从 CSV 文件（UTF-8 或 GB18030 编码）添加或更新商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the selected products, or all when none is selected, as CSV for Excel</source>
        <translation>将选中的商品（未选中时为全部商品）导出为可用 Excel 打开的 CSV 文件</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Without a passphrase the shop cannot be opened on this computer.</source>
        <translation>没有口令，无法在本机打开店铺数据。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The shop was not opened; the unsynced changes are kept.</source>
        <translation>未打开店铺；未同步的修改已保留。</translation>
    </message>
    <message>
        <location line="+223"/>
        <source>order %1 (now: %2)</source>
        <translation>订单 %1（当前：%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an order no longer on this computer</source>
        <translation>本机已不存在的订单</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The photo was not uploaded: %1</source>
        <translation>照片未上传：%1</translation>
    </message>
</context>
<context>
    <name>xd::ShipDialog</name>
    <message>
        <location filename="../desktop/gui/OrderDialogs.cpp" line="-116"/>
        <source>Ship orders</source>
        <translation>订单发货</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose or type a carrier</source>
        <translation>选择或输入快递公司</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Carrier:</source>
        <translation>快递公司：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ship order %1</source>
        <translation>订单 %1 发货</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Ship %n order(s)</source>
        <translation>
            <numerusform>为 %n 个订单发货</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xd::ShopService</name>
    <message>
        <location filename="../desktop/core/ShopService.cpp" line="+75"/>
        <source>Only the shop owner can do this.</source>
        <translation>只有店主可以执行此操作。</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>Give the new password.</source>
        <translation>请输入新密码。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A display name is text.</source>
        <translation>显示名称必须是文字。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing to update.</source>
        <translation>没有需要更新的内容。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Unknown field &apos;%1&apos;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>The new staff member needs an id.</source>
        <translation>新员工缺少编号。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+43"/>
        <source>The role must be owner or clerk.</source>
        <translation>角色必须是店主或店员。</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>The login &apos;%1&apos; is taken.</source>
        <translation>登录名“%1”已被使用。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no such staff member.</source>
        <translation>没有这名员工。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&apos;disabled&apos; must be true or false.</source>
        <translation>“disabled”必须为 true 或 false。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You cannot disable or demote yourself.</source>
        <translation>不能停用自己的账号，也不能取消自己的店主身份。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The new order must list every photo exactly once.</source>
        <translation>新的顺序必须包含每张照片，且每张只出现一次。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no such photo.</source>
        <translation>没有这张照片。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown operation &apos;%1&apos;.</source>
        <translation>未知操作“%1”。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>There is no rejected operation %1.</source>
        <translation>没有被拒绝的操作 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the password again to retry.</source>
        <translation>请重新输入密码后再试。</translation>
    </message>
</context>
<context>
    <name>xd::ShopSettingsPage</name>
    <message>
        <location filename="../desktop/gui/ShopSettingsPage.cpp" line="+713"/>
        <source>Changes saved.</source>
        <translation>修改已保存。</translation>
    </message>
    <message>
        <location line="-210"/>
        <location line="+176"/>
        <source>The latitude must be between -90 and 90 degrees.</source>
        <translation>纬度必须在 -90 到 90 度之间。</translation>
    </message>
    <message>
        <location line="-173"/>
        <location line="+177"/>
        <source>The longitude must be between -180 and 180 degrees.</source>
        <translation>经度必须在 -180 到 180 度之间。</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>Cannot read &quot;%1&quot;. Paste latitude and longitude in decimal degrees, separated by a comma, e.g. 31.230416,121.473701.</source>
        <translation>无法识别“%1”。请粘贴以逗号分隔的十进制纬度和经度，例如 31.230416,121.473701。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Filled in. The longitude came first, as in Amap; the two were put in their places.</source>
        <translation>已填入。粘贴内容为经度在前（高德地图格式），已自动调换。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled in latitude and longitude.</source>
        <translation>已填入纬度和经度。</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>Unsaved changes.</source>
        <translation>有未保存的修改。</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>Shop settings</source>
        <translation>店铺设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What customers see about your shop in the mini-program.</source>
        <translation>顾客在小程序中看到的店铺信息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline: your changes are saved on this computer and sync automatically when the connection is back.</source>
        <translation>当前离线：修改会先保存在本机，恢复连接后自动同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shop profile</source>
        <translation>店铺资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop &amp;name:</source>
        <translation>店铺名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As customers should see it</source>
        <translation>顾客看到的店名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Introduction:</source>
        <translation>店铺简介(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A few words about the shop, its story and what makes it special</source>
        <translation>介绍一下您的店铺、故事和特色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services:</source>
        <translation>服务项目：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Free Wi-Fi, Parking, Delivery</source>
        <translation>如：免费 Wi-Fi、可停车、外卖配送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shop photos</source>
        <translation>店铺照片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address and contact</source>
        <translation>地址与联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street, number, building — for the navigation button</source>
        <translation>街道、门牌号、楼栋——用于一键导航</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>La&amp;titude:</source>
        <translation>纬度(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 31.230416</source>
        <translation>如 31.230416</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;ongitude:</source>
        <translation>经度(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 121.473701</source>
        <translation>如 121.473701</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a &amp;map:</source>
        <translation>从地图粘贴(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste &quot;latitude,longitude&quot; from a map tool</source>
        <translation>粘贴地图工具中的“纬度,经度”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in</source>
        <translation>填入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use Amap or Tencent Maps (GCJ-02, as WeChat uses). Baidu Maps coordinates point a few hundred metres off.</source>
        <translation>请使用高德地图或腾讯地图的坐标（GCJ-02，与微信一致）。百度地图的坐标会偏差几百米。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phones:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 021-63212345 or 13800138000</source>
        <translation>如 021-63212345 或 13800138000</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A phone number has digits, and may have spaces, -, ( ) and a leading +.</source>
        <translation>电话号码由数字组成，可包含空格、-、( )，开头可以是 +。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online customer service</source>
        <translation>在线客服</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers can chat with the shop in the mini-program</source>
        <translation>允许顾客在小程序中与店铺聊天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Greeting:</source>
        <translation>欢迎语(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown when a customer opens the chat</source>
        <translation>顾客打开聊天时显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;uto reply:</source>
        <translation>自动回复(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent automatically when nobody answers, e.g. outside opening hours</source>
        <translation>无人回复时自动发送，例如非营业时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Revert</source>
        <translation>撤销修改(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the changes not saved yet</source>
        <translation>放弃尚未保存的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Enter the shop name.</source>
        <translation>请填写店铺名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The introduction has at most %1 characters; it has %2 now.</source>
        <translation>店铺简介最多 %1 个字，目前有 %2 个字。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter both latitude and longitude, or clear both.</source>
        <translation>请同时填写纬度和经度，或将两者都清空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The latitude &quot;%1&quot; is not a number of degrees such as 31.230416.</source>
        <translation>纬度“%1”不是有效的度数，应类似 31.230416。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The longitude &quot;%1&quot; is not a number of degrees such as 121.473701.</source>
        <translation>经度“%1”不是有效的度数，应类似 121.473701。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Opening hours: %1</source>
        <translation>营业时间：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The auto reply has at most %1 characters; it has %2 now.</source>
        <translation>自动回复最多 %1 个字，目前有 %2 个字。</translation>
    </message>
</context>
<context>
    <name>xd::SignInDialog</name>
    <message>
        <location filename="../desktop/gui/SignInDialog.cpp" line="+108"/>
        <source>The shop, user name or password is not correct, or the account is disabled.</source>
        <translation>店铺、用户名或密码不正确，或该账号已被停用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot reach the server. Check the address and the network connection.</source>
        <translation>无法连接服务器，请检查服务器地址和网络连接。</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Enter the server address, e.g. %1.</source>
        <translation>请填写服务器地址，例如 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server address must start with http:// or https://, e.g. %1.</source>
        <translation>服务器地址须以 http:// 或 https:// 开头，例如 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the shop&apos;s name or ID.</source>
        <translation>请填写店铺名称或编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter your user name.</source>
        <translation>请填写用户名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter your password.</source>
        <translation>请填写密码。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign in to Xiaodian</source>
        <translation>登录小店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to your shop</source>
        <translation>登录您的店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;rver:</source>
        <translation>服务器(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;hop:</source>
        <translation>店铺(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop name or ID</source>
        <translation>店铺名称或编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remember me on this computer</source>
        <translation>在此电脑上记住我(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stay signed in next time. Do not use on a shared computer.</source>
        <translation>下次打开时自动登录。请勿在公用电脑上勾选。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>xd::SqlCipherDriver</name>
    <message>
        <location filename="../desktop/core/SqlCipherDriver.cpp" line="+67"/>
        <source>%1 must be %2 hexadecimal digits</source>
        <translation>%1 必须是 %2 位十六进制数字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 must not be empty</source>
        <translation>%1 不能为空</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 must be a number of milliseconds</source>
        <translation>%1 必须是毫秒数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 must be 0 or 1</source>
        <translation>%1 必须是 0 或 1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown connect option &quot;%1&quot;</source>
        <translation>未知的连接选项“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No key given: set %1, %2 or a password</source>
        <translation>未提供密钥：请设置 %1、%2 或密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give exactly one of %1, %2 or a password</source>
        <translation>%1、%2 和密码只能提供其中一项</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Unable to open the database file</source>
        <translation>无法打开数据库文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unable to set the key</source>
        <translation>无法设置密钥</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The SQLite library in use has no encryption (PRAGMA cipher_version gave no row); refusing to open the cache unencrypted</source>
        <translation>当前使用的 SQLite 库不支持加密（PRAGMA cipher_version 未返回结果），拒绝以未加密方式打开缓存</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unable to select SQLCipher 3 compatibility</source>
        <translation>无法启用 SQLCipher 3 兼容模式</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wrong key or not a SQLCipher database</source>
        <translation>密钥错误，或者不是 SQLCipher 数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unable to read the database</source>
        <translation>无法读取数据库</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The database file does not exist: %1</source>
        <translation>数据库文件不存在：%1</translation>
    </message>
    <message>
        <location line="+70"/>
        <location line="+78"/>
        <source>The database connection is closed</source>
        <translation>数据库连接已关闭</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Unable to execute &quot;%1&quot;</source>
        <translation>无法执行“%1”</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>A raw key must be %1 bytes</source>
        <translation>原始密钥必须是 %1 字节</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The passphrase must not be empty</source>
        <translation>口令不能为空</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot change the key inside a transaction</source>
        <translation>不能在事务中更改密钥</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unable to change the key</source>
        <translation>无法更改密钥</translation>
    </message>
</context>
<context>
    <name>xd::StaffAddDialog</name>
    <message>
        <location filename="../desktop/gui/StaffAddDialog.cpp" line="+28"/>
        <source>Add staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Used to sign in, e.g. xiaoli</source>
        <translation>用于登录，如 xiaoli</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shown to colleagues and in chats, e.g. 小李</source>
        <translation>同事和聊天中显示的名字，如 小李</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Owners manage staff and every setting.</source>
        <translation>店主可以管理员工和所有设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerks work with orders, products and customers, but cannot manage staff.</source>
        <translation>店员可以处理订单、商品和顾客，但不能管理员工。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>At least %n characters</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat password:</source>
        <translation>确认密码：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Enter a login.</source>
        <translation>请填写登录名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A login has letters, digits and _ . @ - only, no spaces.</source>
        <translation>登录名只能包含字母、数字和 _ . @ -，不能有空格。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The login &quot;%1&quot; is already in use.</source>
        <translation>登录名“%1”已被使用。</translation>
    </message>
</context>
<context>
    <name>xd::StaffPage</name>
    <message>
        <location filename="../desktop/gui/StaffPage.cpp" line="+175"/>
        <source>Disable account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1? They can no longer sign in, and their devices are signed out now.</source>
        <translation>确定停用 %1 吗？停用后将无法登录，已登录的设备会立即退出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+3"/>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Make %1 a clerk? They will no longer manage staff or shop-wide settings.</source>
        <translation>确定将 %1 改为店员吗？改后将不能再管理员工和店铺设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make clerk</source>
        <translation>改为店员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make %1 an owner? Owners manage staff and every setting, as you do.</source>
        <translation>确定将 %1 设为店主吗？店主和您一样，可以管理员工和所有设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make owner</source>
        <translation>设为店主</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make &amp;clerk</source>
        <translation>改为店员(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make &amp;owner</source>
        <translation>设为店主(&amp;O)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select a staff member to change their account.</source>
        <translation>选择一名员工以管理其账号。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The accounts that sign in to this back office.</source>
        <translation>可以登录本后台的账号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the shop owner manages staff accounts. You can see the list.</source>
        <translation>只有店主可以管理员工账号，您只能查看列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add staff member…</source>
        <translation>添加员工(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>You cannot take away your own owner role.</source>
        <translation>不能取消自己的店主身份。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The shop needs at least one active owner.</source>
        <translation>店铺至少需要一名正常使用的店主。</translation>
    </message>
</context>
<context>
    <name>xd::StaffPasswordDialog</name>
    <message>
        <location filename="../desktop/gui/StaffPasswordDialog.cpp" line="+14"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a new password for %1. Their devices that are signed in will be signed out.</source>
        <translation>为 %1 设置新密码。其已登录的设备将会退出登录。</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>At least %n characters</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat:</source>
        <translation>确认密码：</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The password has at most %n characters.</source>
        <translation>
            <numerusform>密码最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>xd::StaffTableModel</name>
    <message>
        <location filename="../desktop/gui/StaffTableModel.cpp" line="+143"/>
        <source>%1 (you)</source>
        <translation>%1（我）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Manages staff and every setting</source>
        <translation>可管理员工和所有设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Works with orders, products and customers; cannot manage staff</source>
        <translation>可处理订单、商品和顾客，不能管理员工</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot sign in</source>
        <translation>无法登录</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>xd::StatisticsPage</name>
    <message>
        <location filename="../desktop/gui/StatisticsPage.cpp" line="+210"/>
        <source>The figures cannot be read: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visitors of the mini-program and what they bought, day by day (month by month over long periods).</source>
        <translation>小程序的访客及其购买情况，按天统计（时间段较长时按月统计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+74"/>
        <source>Page views</source>
        <translation>浏览量</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+74"/>
        <source>Visitors</source>
        <translation>访客数</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Paying customers</source>
        <translation>支付人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+101"/>
        <source>Purchase rate</source>
        <translation>支付转化率</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Paid orders</source>
        <translation>支付订单数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+101"/>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Every view of a page, product or article in the mini-program.</source>
        <translation>小程序内页面、商品或文章每被浏览一次计一次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distinct visitors of each day, added up over the period (a visitor who comes on two days counts twice).</source>
        <translation>每天的去重访客数在时间段内累加（同一访客两天都来访，计为两次）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distinct customers whose money was received each day, added up over the period.</source>
        <translation>每天已付款的去重顾客数在时间段内累加。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paying customers per visitor.</source>
        <translation>支付人数占访客数的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders whose money was received in the period.</source>
        <translation>时间段内已收款的订单数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net turnover (after refunds) per paid order.</source>
        <translation>平均每笔支付订单的净收入（已扣除退款）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page views and visitors</source>
        <translation>浏览量和访客数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase rate and average order value</source>
        <translation>支付转化率和客单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top products by quantity</source>
        <translation>商品排行（按销量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top products by revenue</source>
        <translation>商品排行（按销售额）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>销量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+2"/>
        <source>%1 a day</source>
        <translation>日均 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers who ordered: %1</source>
        <translation>下单人数：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paying customers ÷ visitors</source>
        <translation>支付人数 ÷ 访客数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Placed: %1</source>
        <translation>下单数：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Net turnover %1</source>
        <translation>净收入 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1
Page views %2
Visitors %3</source>
        <translation>%1
浏览量 %2
访客数 %3</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1
Purchase rate %2 (%3 of %4 visitors paid)
Average order value %5</source>
        <translation>%1
支付转化率 %2（%4 位访客中 %3 位付款）
客单价 %5</translation>
    </message>
</context>
<context>
    <name>xd::StatsService</name>
    <message>
        <location filename="../desktop/core/StatsService.cpp" line="+108"/>
        <source>A top products list holds 1 to %1 products, not %2.</source>
        <translation>商品排行须包含 1 到 %1 个商品，而不是 %2 个。</translation>
    </message>
</context>
<context>
    <name>xd::StringListEditor</name>
    <message numerus="yes">
        <location filename="../desktop/gui/StringListEditor.cpp" line="+175"/>
        <source>At most %n entries.</source>
        <translation>
            <numerusform>最多 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected entry</source>
        <translation>删除选中的项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click an entry to edit it.</source>
        <translation>双击某项可编辑。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>An entry cannot be empty.</source>
        <translation>内容不能为空。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>An entry has at most %n characters.</source>
        <translation>
            <numerusform>每项最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; is already in the list.</source>
        <translation>“%1”已在列表中。</translation>
    </message>
</context>
<context>
    <name>xd::SyncClient</name>
    <message>
        <location filename="../desktop/core/SyncClient.cpp" line="+114"/>
        <source>Not signed in.</source>
        <translation>尚未登录。</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>The server refused the connection: %1</source>
        <translation>服务器拒绝了连接：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection to the server was lost.</source>
        <translation>与服务器的连接已断开。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The server stopped answering.</source>
        <translation>服务器没有响应。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This staff account was disabled. Please contact the shop owner.</source>
        <translation>此员工账号已被停用，请联系店主。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server sent a malformed message.</source>
        <translation>服务器发送的消息格式有误。</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>The server sent a malformed row: %1</source>
        <translation>服务器发送的数据格式有误：%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot store the synced data: %1</source>
        <translation>无法保存同步的数据：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cannot record the server&apos;s answer: %1</source>
        <translation>无法记录服务器的答复：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server expects operation %1, which this computer no longer has. Pending changes cannot be sent.</source>
        <translation>服务器需要操作 %1，但本机已没有该操作，待同步的修改无法发送。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Server error: %1</source>
        <translation>服务器错误：%1</translation>
    </message>
</context>
<context>
    <name>xd::SyncStatusWidget</name>
    <message>
        <location filename="../desktop/gui/SyncStatusWidget.cpp" line="+121"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Shop profile</source>
        <translation>店铺资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add shop photo</source>
        <translation>添加店铺照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reorder shop photos</source>
        <translation>调整店铺照片顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove shop photo</source>
        <translation>删除店铺照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change staff account</source>
        <translation>修改员工账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset staff password</source>
        <translation>重置员工密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save article</source>
        <translation>保存文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete article</source>
        <translation>删除文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept order</source>
        <translation>接单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ship order</source>
        <translation>订单发货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order ready for pickup</source>
        <translation>订单备货完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the order&apos;s service</source>
        <translation>开始订单服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete order</source>
        <translation>完成订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash collected for order</source>
        <translation>订单确认收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund order</source>
        <translation>订单退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject refund</source>
        <translation>驳回退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order remark</source>
        <translation>订单备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply to review</source>
        <translation>回复评价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide or show review</source>
        <translation>隐藏或显示评价</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your account is not allowed to do this.</source>
        <translation>您的账号没有权限执行此操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not accept the values.</source>
        <translation>服务器不接受填写的内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It no longer exists; someone may have removed it.</source>
        <translation>该项已不存在，可能已被他人删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It already exists.</source>
        <translation>该项已存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It clashes with a change made elsewhere.</source>
        <translation>与其他地方的修改有冲突。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Not connected to the shop server. Changes are kept on this computer and sent later.</source>
        <translation>未连接店铺服务器。修改会保存在本机，稍后再发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting to the shop server.</source>
        <translation>正在连接店铺服务器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected; this computer has the shop&apos;s latest data.</source>
        <translation>已连接，本机数据为最新。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exchanging changes with the shop server.</source>
        <translation>正在与店铺服务器同步修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server ended this session. Sign in again to sync.</source>
        <translation>服务器已结束本次登录，请重新登录以继续同步。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n change(s) not synced</source>
        <translation>
            <numerusform>%n 项未同步</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved on this computer; sent to the server when connected.</source>
        <translation>已保存在本机，连接后发送到服务器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloading %p%</source>
        <translation>正在下载 %p%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First download of the shop&apos;s data</source>
        <translation>首次下载店铺数据</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>%n 项修改被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused some changes. Click to see why.</source>
        <translation>服务器拒绝了部分修改，点击查看原因。</translation>
    </message>
</context>
<context>
    <name>xd::WechatCredentialsDialog</name>
    <message>
        <location filename="../desktop/gui/WechatCredentialsDialog.cpp" line="+49"/>
        <source>WeChat mini-program and payment</source>
        <translation>微信小程序与支付</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mini-program (customer login)</source>
        <translation>小程序（顾客登录）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wx followed by 16 letters or digits</source>
        <translation>以 wx 开头，后跟 16 位字母或数字</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AppID:</source>
        <translation>AppID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AppSecret:</source>
        <translation>AppSecret：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat Pay (merchant)</source>
        <translation>微信支付（商户）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+14"/>
        <source>Load from file…</source>
        <translation>从文件加载…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merchant ID:</source>
        <translation>商户号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API certificate serial:</source>
        <translation>API 证书序列号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API private key:</source>
        <translation>API 私钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>APIv3 key:</source>
        <translation>APIv3 密钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform serial / key ID:</source>
        <translation>平台证书序列号 / 公钥 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform public key:</source>
        <translation>平台公钥：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secrets are sent to your server only and never shown again. Leave a secret empty to keep the one already set.</source>
        <translation>密钥只会发送到您的服务器，且不会再次显示。留空则保留已设置的密钥。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>will be removed</source>
        <translation>将被删除</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading what is configured…</source>
        <translation>正在读取当前配置…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot read the settings: %1</source>
        <translation>无法读取设置：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>32 letters or digits</source>
        <translation>32 位字母或数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>32 characters</source>
        <translation>32 个字符</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer login and WeChat Pay are configured.</source>
        <translation>顾客登录和微信支付均已配置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer login is configured; WeChat Pay is not (customers cannot pay online yet).</source>
        <translation>顾客登录已配置；微信支付未配置（顾客暂时无法在线支付）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not configured: customers cannot sign in to the mini-program yet.</source>
        <translation>未配置：顾客暂时无法登录小程序。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Nothing to save.</source>
        <translation>没有需要保存的内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved: the server cannot be reached. These settings are saved online only.</source>
        <translation>未保存：无法连接服务器。这些设置只能在线保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a PEM file</source>
        <translation>选择 PEM 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; cannot be read: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is too large for a key file.</source>
        <translation>“%1”太大，不是有效的密钥文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a PEM file (it has no &quot;-----BEGIN&quot; line).</source>
        <translation>“%1”不是 PEM 文件（缺少“-----BEGIN”行）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>will be replaced by %1</source>
        <translation>将替换为 %1</translation>
    </message>
</context>
<context>
    <name>xd::stats</name>
    <message>
        <location filename="../shared/src/xiaodian/Stats.cpp" line="+259"/>
        <source>Field &apos;day&apos; must be a date written as yyyy-MM-dd.</source>
        <translation>字段“day”必须是 yyyy-MM-dd 格式的日期。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field &apos;%1&apos; must not be negative.</source>
        <translation>字段“%1”不能为负数。</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The start of the period is not a valid date.</source>
        <translation>时间段的开始日期无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the period is not a valid date.</source>
        <translation>时间段的结束日期无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period ends (%1) before it starts (%2).</source>
        <translation>时间段的结束日期（%1）早于开始日期（%2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The period covers %1 days; a report covers at most %2 days. Ask for it in parts.</source>
        <translation>时间段共 %1 天，一份报表最多涵盖 %2 天，请分段查询。</translation>
    </message>
</context>
</TS>
