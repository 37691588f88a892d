<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <location filename="../desktop/main.cpp" line="+24"/>
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
        <location line="+7"/>
        <source>Unknown language &quot;%1&quot;. Choose one of: %2.</source>
        <translation>未知语言“%1”。可选：%2。</translation>
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
        <location line="+113"/>
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
        <location line="+6"/>
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
        <location filename="../desktop/gui/ModulePage.cpp" line="+87"/>
        <source>This module arrives in a later release.</source>
        <translation>此模块将在后续版本中推出。</translation>
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
</TS>
