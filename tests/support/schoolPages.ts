import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/*
 * Article pages shaped like the ones school news sites serve, written from the public page structure of each
 * platform: 博达 VSB 站群 (/info/1002/1184.htm, #vsb_content > .v_news_content, /system/resource/ scripts and the
 * _showDynClicks counter), 苏迪 WebPlus (.wp_articlecontent, /_js/ scripts, WP_VisitCount), 大汉 JCMS (#zoom between
 * ContentStart/ContentEnd markers, the articlehits counter) and a WordPress theme (.entry-content). Each carries
 * navigation and a footer with outside links of its own (友情链接, 备案, government sites), served in UTF-8 or GBK,
 * untampered or tampered the ways school sites have been, and a WAF challenge in place of the page.
 */

export const SCHOOL_FAMILIES = ['vsb', 'webplus', 'jcms', 'wordpress'] as const
export type SchoolFamily = (typeof SCHOOL_FAMILIES)[number]
export const TAMPERINGS = ['spam-block', 'changed-paragraph', 'injected-script', 'injected-footer-script', 'removed-photo'] as const
export type Tampering = (typeof TAMPERINGS)[number]
export type PageVariant = 'clean' | Tampering

/** What the office approved and sent (our serializer's HTML). */
export const approvedArticle = {
  title: '学院召开2026年“双高计划”建设推进会',
  html: [
    '<p>11月18日下午，学院在行政楼三楼会议室召开2026年“双高计划”建设推进会，党委书记、院长出席会议。</p>',
    '<h2>对标任务，压实责任</h2>',
    '<p>会上，各项目负责人逐一汇报了建设任务完成情况、存在问题及下一步工作打算。</p>',
    '<figure><img src="/photos/1.jpg" alt="会议现场"><figcaption>推进会会议现场</figcaption></figure>',
    '<p>院长强调，要以<a href="https://www.example.edu.cn/sg/">“双高计划”专题网站</a>为窗口，及时展示建设成效。</p>',
    '<p>（文/宣传部 张三 图/赵六 审核/李四）</p>'
  ].join('\n')
}

const paragraphsOf = (variant: PageVariant) => {
  const first = variant === 'changed-paragraph' ? '11月18日下午，学院召开推进会，会议宣布暂停部分建设项目。' : '11月18日下午，学院在行政楼三楼会议室召开2026年“双高计划”建设推进会，党委书记、院长出席会议。'
  const injected = variant === 'injected-script' ? '<script src="https://cdn.evil-stats.example/t.js"></script>' : ''
  return { first, injected }
}

/** The article body as each platform's editor stores it (UEditor/KindEditor output: styled p, centred image). */
function body(family: SchoolFamily, variant: PageVariant): string {
  const { first, injected } = paragraphsOf(variant)
  const photo =
    variant === 'removed-photo'
      ? ''
      : family === 'vsb'
        ? '<p style="text-align: center;"><img width="600" src="/__local/8/3A/1F/6B0E2C5A1D4F9E7B_5C3D2A1B.jpg" vsbhref="vurl" vurl="/_vsl/8A3F1E6B0E2C5A1D/5C3D2A1B/5D7E1" vheight="" vwidth="600" orisrc="/__local/8/3A/1F/6B0E2C5A1D4F9E7B_5C3D2A1B.jpg" class="img_vsb_content"></p><p style="text-align: center;">推进会会议现场</p>'
        : `<p style="text-align:center"><img src="/_upload/article/images/2f/1c/photo.jpg" alt="会议现场" /></p><p style="text-align:center"><span style="font-family:楷体">推进会会议现场</span></p>`
  return [
    `<p style="text-indent: 2em;">${first}</p>`,
    '<p style="text-indent: 2em;"><strong>对标任务，压实责任</strong></p>',
    '<p style="text-indent: 2em;">会上，各项目负责人逐一汇报了建设任务完成情况、存在问题及下一步工作打算。</p>',
    photo,
    injected,
    '<p style="text-indent: 2em;">院长强调，要以<a href="https://www.example.edu.cn/sg/">“双高计划”专题网站</a>为窗口，及时展示建设成效。</p>',
    '<p style="text-align: right;">（文/宣传部 张三 图/赵六 审核/李四）</p>'
  ].join('\n')
}

const COUNTIES = ['滦平县', '丰宁县', '隆化县', '围场县', '平泉市', '宽城县', '兴隆县', '承德县', '青龙县', '昌黎县', '抚宁区', '卢龙县', '迁西县', '迁安市', '遵化市', '玉田县', '乐亭县', '滦南县', '曹妃甸区', '丰南区', '丰润区', '古冶区', '开平区', '路北区', '路南区', '安新县', '雄县', '容城县', '高阳县', '蠡县', '博野县', '清苑区', '满城区', '徐水区', '定兴县', '易县', '涞水县', '涞源县', '阜平县', '曲阳县']

/** The block found on a school's real page: dozens of county names, each linking to another site. */
const spamBlock = () =>
  `<div style="position:absolute;left:-9999px;top:-9999px">${COUNTIES.map((name, i) => `<a href="http://${String(i % 7)}.xz-yule${String(i % 3)}.example/${encodeURIComponent(name)}/">${name}外围上门</a>`).join(' ')}</div>`

const nav = '<ul class="nav"><li><a href="/index.htm">首页</a></li><li><a href="/xxgk.htm">学校概况</a></li><li><a href="/xwzx/xyxw.htm">学院新闻</a></li><li><a href="http://jwc.example.edu.cn/">教务处</a></li><li><a href="https://lib.example.edu.cn/">图书馆</a></li></ul>'

function footer(variant: PageVariant): string {
  const extra = variant === 'injected-footer-script' ? '<script src="https://hm.evil-stats.example/hm.js?abc"></script>' : ''
  return `<div class="footer"><div class="links">友情链接：<select onchange="window.open(this.value)"><option>—政府网站—</option></select><a href="http://www.moe.gov.cn/" target="_blank">教育部</a><a href="http://jyt.hebei.gov.cn/" target="_blank">河北省教育厅</a><a href="https://www.chsi.com.cn/" target="_blank">学信网</a></div><p>版权所有 © 示例职业技术学院 地址：河北省某市学院路1号 <a href="https://beian.miit.gov.cn/" target="_blank">冀ICP备05012345号-1</a> <a href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13010202000123" target="_blank"><img src="/images/ga.png">冀公网安备13010202000123号</a></p><script type="text/javascript" src="https://s4.cnzz.com/z_stat.php?id=1278123456&web_id=1278123456"></script>${extra}</div>`
}

function page(family: SchoolFamily, variant: PageVariant, charset: string, article?: { title: string; content: string }): string {
  const title = article?.title ?? approvedArticle.title
  const content = article?.content ?? body(family, variant)
  const after = variant === 'spam-block' ? spamBlock() : ''
  const meta = `<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />`
  switch (family) {
    case 'vsb':
      return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head>${meta}<title>${title}-示例职业技术学院</title><META Name="keywords" Content="示例职业技术学院,学院新闻" />
<link type="text/css" href="/style/style.css" rel="stylesheet"><script type="text/javascript" src="/system/resource/js/counter.js"></script>
<script type="text/javascript">_jsq_(1002,'/content.jsp',1184,1773489102)</script></head><body>
<div class="header"><a href="/index.htm"><img src="/images/logo.png" alt=""></a></div>${nav}
<form name="_newscontent_fromname"><div class="article"><h1>${title}</h1>
<div class="info">发布时间：2026-11-20&nbsp;&nbsp;作者：宣传部&nbsp;&nbsp;点击：<script>_showDynClicks("wbnews", 1773489102, 1184)</script></div>
<div id="vsb_content"><div class="v_news_content">
${content}
</div></div><div id="div_vote_id"></div>
${after}
<p class="page">上一条：<a href="/info/1002/1183.htm">学院开展秋季消防演练</a></p><p class="page">下一条：<a href="/info/1002/1185.htm">学院举办职业技能竞赛</a></p>
</div></form><script type="text/javascript" src="/system/resource/js/news/mp4video.js"></script>
${footer(variant)}</body></html>`
    case 'webplus':
      return `<!DOCTYPE html><html><head>${meta}<title>${title}</title><meta name="description" content="${title}" />
<link type="text/css" href="/_css/_system/system.css" rel="stylesheet"/><script type="text/javascript" src="/_js/jquery.min.js" sudy-wp-context="" sudy-wp-siteId="12"></script>
<script type="text/javascript" src="/_js/jquery.sudy.wp.visitcount.js"></script><script type="text/javascript" src="/_js/_portletPlugs/sudyNavi/jquery.sudyNav.js"></script></head><body>
<div class="wrapper header"><div class="logo"><a href="/main.htm"><img src="/_upload/tpl/00/0d/13/template13/images/logo.png"></a></div>${nav}</div>
<div class="wrapper main"><div class="col_path">当前位置：<a href="/main.htm">首页</a>&gt;<a href="/1002/list.htm">学院新闻</a></div>
<div class="infobox"><h1 class="arti_title">${title}</h1><p class="arti_metas"><span class="arti_update">发布时间：2026-11-20</span><span class="arti_views">浏览次数：<span class="WP_VisitCount" url="/_visitcountdisplay?siteId=12&type=3&articleId=5678">123</span></span></p>
<div class="entry"><div class="read"><div class='wp_articlecontent'>
${content}
</div></div></div>${after}</div></div>
${footer(variant)}</body></html>`
    case 'jcms':
      return `<!DOCTYPE html><html><head>${meta}<title>${title}</title><meta name="SiteName" content="示例职业技术学院"><meta name="ColumnName" content="学院新闻">
<script language="javascript" src="/script/0/1211031033496641.js"></script><script type="text/javascript" src="/jcms/jcms_files/jcms1/web1/site/script/1/1211031033497.js"></script></head><body>
<table width="1000" align="center"><tr><td>${nav}</td></tr></table>
<table width="1000" align="center"><tr><td class="title">${title}</td></tr>
<tr><td class="info">发布日期：2026-11-20 浏览次数：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid=1002&artid=5678"></script></td></tr>
<tr><td><div id="zoom"><!--ZJEG_RSS.content.begin--><meta name="ContentStart">
${content}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end--></div>${after}</td></tr></table>
<table width="1000" align="center"><tr><td>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr></table>
${footer(variant)}</body></html>`
    case 'wordpress':
      return `<!doctype html><html lang="zh-CN"><head><meta charset="${charset}"><title>${title} &#8211; 示例学院新闻网</title>
<link rel='stylesheet' href='https://news.example.edu.cn/wp-content/themes/twentytwentyone/style.css?ver=2.1' media='all' />
<script src="https://news.example.edu.cn/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script></head>
<body class="post-template-default single single-post"><header id="masthead" class="site-header"><p class="site-title"><a href="https://news.example.edu.cn/">示例学院新闻网</a></p><nav>${nav}</nav></header>
<main id="main" class="site-main"><article id="post-1184" class="post-1184 post type-post status-publish"><header class="entry-header"><h1 class="entry-title">${title}</h1></header>
<div class="entry-content">
${content}
</div><footer class="entry-footer"><span class="cat-links">发布于 <a href="https://news.example.edu.cn/category/news/" rel="category tag">学院新闻</a></span></footer></article>${after}
<nav class="navigation post-navigation"><a href="https://news.example.edu.cn/2026/11/19/fire-drill/" rel="prev">学院开展秋季消防演练</a></nav></main>
${footer(variant)}<script src="https://news.example.edu.cn/wp-includes/js/wp-embed.min.js?ver=6.1.9" id="wp-embed-js"></script></body></html>`
  }
}

/** WAF answers in place of the article: 加速乐's cookie script (521), 安全狗's block page (403), a bare JS redirect (200). */
export const CHALLENGES = {
  jiasule: {
    status: 521,
    html: '<html><body><script>document.cookie=(\'_\')+(\'_\')+(\'j\')+(\'sl_clearance_s=1733460000.123|0|\')+(\'abcDEF%3D\');location.href=location.pathname+location.search</script></body></html>'
  },
  safedog: {
    status: 403,
    html: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>网站防火墙</title></head><body><div id="wrap"><p>您的请求带有不合法参数，已被网站管理员设置拦截！</p><p>可能原因：您提交的内容包含危险的攻击请求</p><p>如何解决：检查提交内容；如网站托管，请联系空间提供商；普通网站访客，请联系网站管理员</p><p>网站防火墙 安全狗 safedog.cn</p></div></body></html>'
  },
  redirect: {
    status: 200,
    html: '<html><head><meta charset="utf-8"></head><body><script type="text/javascript">var _0x1=["\\x63\\x6f\\x6f\\x6b\\x69\\x65"];setTimeout(function(){window.location.href="/info/1002/1184.htm?wzwschallenge=V1pXU19DSEFMTEVOR0VfQUNUSU9O"},100);</script></body></html>'
  }
} as const
export type ChallengeName = keyof typeof CHALLENGES

let gbkTable: Map<string, number[]> | null = null

/**
 * GBK bytes for a text. Node can decode GBK (ICU) but not encode it: the table is built once by decoding every
 * two-byte sequence, so the fixtures need no encoder package.
 */
export function encodeGbk(text: string): Uint8Array {
  if (gbkTable === null) {
    gbkTable = new Map()
    const decoder = new TextDecoder('gbk')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const char = decoder.decode(new Uint8Array([lead, trail]))
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail])
      }
    }
  }
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f
    if (code < 0x80) bytes.push(code)
    else bytes.push(...(gbkTable.get(char) ?? [0x3f]))
  }
  return new Uint8Array(bytes)
}

export type SchoolPage = { status: number; contentType: string; bytes: Uint8Array; path: string }

/**
 * One page. `gbk` with `headerCharset: false` declares the charset only in the meta tag (as most old VSB sites
 * do); otherwise it is in the Content-Type header too.
 */
export function schoolPage(family: SchoolFamily, variant: PageVariant, options: { encoding?: 'utf-8' | 'gbk'; headerCharset?: boolean } = {}): SchoolPage {
  const encoding = options.encoding ?? 'utf-8'
  const charset = encoding === 'gbk' ? (family === 'vsb' ? 'gb2312' : 'GBK') : 'UTF-8'
  const html = page(family, variant, charset)
  const path = family === 'vsb' ? '/info/1002/1184.htm' : family === 'webplus' ? '/2026/1120/c1002a5678/page.htm' : family === 'jcms' ? '/art/2026/11/20/art_1002_5678.html' : '/2026/11/20/push-meeting/'
  return {
    status: 200,
    contentType: options.headerCharset === false ? 'text/html' : `text/html; charset=${charset}`,
    bytes: encoding === 'gbk' ? encodeGbk(html) : new TextEncoder().encode(html),
    path
  }
}

/** A platform's page around another article (what a person pasted into its back end by hand). */
export function schoolPageAround(family: SchoolFamily, article: { title: string; content: string }, variant: PageVariant = 'clean'): SchoolPage {
  const html = page(family, variant, 'UTF-8', article)
  return { status: 200, contentType: 'text/html; charset=UTF-8', bytes: new TextEncoder().encode(html), path: '/info/1002/2001.htm' }
}

export type SchoolSite = {
  url: string
  /** What the next request for `path` gets. */
  serve(path: string, answer: { status: number; contentType: string; bytes: Uint8Array }): void
  close(): Promise<void>
}

/** A loopback site answering whatever page the test put at a path. */
export async function startSchoolSite(): Promise<SchoolSite> {
  const pages = new Map<string, { status: number; contentType: string; bytes: Uint8Array }>()
  const server = createServer((req, res) => {
    const answer = pages.get(new URL(req.url ?? '/', 'http://site').pathname)
    if (answer === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/html' })
      res.end('<h1>404</h1>')
      return
    }
    res.writeHead(answer.status, { 'Content-Type': answer.contentType })
    res.end(answer.bytes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    serve: (path, answer) => pages.set(path, answer),
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
