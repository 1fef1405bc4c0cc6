import type { CheckWordRule } from './types'

/**
 * The word list an office starts from (it edits it in 设置 → 检查). Each rule names where it comes from, so a
 * proofreader can tell a published newsroom rule from a house habit. 禁用 (forbidden) findings are errors,
 * 慎用 (caution) ones are warnings: caution words are right in some sentences, and a false error trains people
 * to ignore the panel.
 */
const XINHUA = '新华社《新闻报道中的禁用词和慎用词》（2016年修订）'
const HOUSE = '本办用语惯例'
const DICT = '《现代汉语词典》（第7版）'

export const STARTER_WORD_RULES: readonly CheckWordRule[] = [
  // 政治性: names of parties, places and offices.
  { word: '省省委', kind: 'forbidden', replacement: '省委', note: `“中共XX省委”不写作“中共XX省省委”。${XINHUA}` },
  { word: '市市委', kind: 'forbidden', replacement: '市委', note: `“中共XX市委”不写作“中共XX市市委”。${XINHUA}` },
  { word: '县县委', kind: 'forbidden', replacement: '县委', note: `“中共XX县委”不写作“中共XX县县委”。${XINHUA}` },
  { word: '北朝鲜', kind: 'forbidden', replacement: '朝鲜', note: `不使用“北朝鲜”，应称“朝鲜”。${XINHUA}` },
  { word: '台湾政府', kind: 'forbidden', replacement: '台湾当局', note: `对台湾地区政权机构不称“政府”，称“台湾当局”。${XINHUA}` },
  { word: '台湾总统', kind: 'forbidden', replacement: '台湾地区领导人', note: `不称“台湾总统”，称“台湾地区领导人”。${XINHUA}` },
  { word: '两岸三地', kind: 'forbidden', replacement: '海峡两岸和香港、澳门', note: `不使用“两岸三地”。${XINHUA}` },
  { word: '中港两地', kind: 'forbidden', replacement: '内地与香港', note: `不将香港、澳门与中国并列，如“中港”“中澳”。${XINHUA}` },
  { word: '中澳两地', kind: 'forbidden', replacement: '内地与澳门', note: `不将香港、澳门与中国并列，如“中港”“中澳”。${XINHUA}` },
  // 对人的称谓.
  { word: '残废人', kind: 'forbidden', replacement: '残疾人', note: `对残疾人不使用蔑称。${XINHUA}` },
  { word: '瞎子', kind: 'forbidden', replacement: '盲人', note: `对残疾人不使用蔑称。${XINHUA}` },
  { word: '聋子', kind: 'forbidden', replacement: '聋人', note: `对残疾人不使用蔑称。${XINHUA}` },
  { word: '弱智', kind: 'forbidden', replacement: '智力障碍者', note: `对残疾人不使用蔑称。${XINHUA}` },
  { word: '老外', kind: 'caution', replacement: '外国友人', note: `报道中一般不使用“老外”。${XINHUA}` },
  { word: '影帝', kind: 'caution', note: `一般不使用“影帝”“影后”“天王”等称谓。${XINHUA}` },
  { word: '影后', kind: 'caution', note: `一般不使用“影帝”“影后”“天王”等称谓。${XINHUA}` },
  { word: '负增长', kind: 'caution', replacement: '下降', note: `表示减少一般不用“负增长”。${XINHUA}` },
  // 常见错字.
  { word: '截止目前', kind: 'forbidden', replacement: '截至目前', note: `“截至”表示到某时为止，后接时间；“截止”后不接时间。${DICT}` },
  { word: '截止到目前', kind: 'forbidden', replacement: '截至目前', note: `“截至”表示到某时为止，后接时间。${DICT}` },
  { word: '做为', kind: 'forbidden', replacement: '作为', note: `“作为”不写作“做为”。${DICT}` },
  { word: '既使', kind: 'forbidden', replacement: '即使', note: `连词“即使”不写作“既使”。${DICT}` },
  { word: '迫不急待', kind: 'forbidden', replacement: '迫不及待', note: DICT },
  { word: '再接再励', kind: 'forbidden', replacement: '再接再厉', note: DICT },
  { word: '一如继往', kind: 'forbidden', replacement: '一如既往', note: DICT },
  { word: '按装', kind: 'forbidden', replacement: '安装', note: DICT },
  { word: '蛰伏期', kind: 'caution', replacement: '潜伏期', note: DICT },
  // 分寸: words right only for some occasions.
  { word: '隆重召开', kind: 'caution', note: `“隆重召开”只用于党代会、教代会等重大会议。${HOUSE}` },
  { word: '莅临', kind: 'caution', note: `“莅临”用于上级领导和来宾，不用于本校领导。${HOUSE}` },
  { word: '亲自', kind: 'caution', note: `“亲自”多余时删去，本校领导出席活动不写“亲自”。${HOUSE}` },
  { word: '圆满成功', kind: 'caution', note: `少用“圆满成功”等套话，写清做成了什么。${HOUSE}` },
  { word: '高校之一', kind: 'caution', note: `“之一”类表述须有出处，无出处的排名不写。${HOUSE}` }
]

/** 异体字 the office starts with: 《通用规范汉字表》 forms over the ones it lists as variants. */
export const STARTER_VARIANTS: Readonly<Record<string, string>> = {
  惟一: '唯一',
  帐号: '账号',
  帐户: '账户',
  身分证: '身份证'
}
