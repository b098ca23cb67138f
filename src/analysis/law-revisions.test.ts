import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lawRevisions, revisionDatesOf } from './law-revisions.js';

/** Header excerpts of real files of github.com/LawRefBook/Laws (commit 2f4c5c2), as ../shared/reference/laws holds them. */
const fixtures = {
  // 行政法/行政处罚法(2021-01-22).md
  punishment: `# 中华人民共和国行政处罚法

1996年3月17日 第八届全国人民代表大会第四次会议通过

2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正

2017年9月1日 第十二届全国人民代表大会常务委员会第二十九次会议《关于修改〈中华人民共和国法官法〉等八部法律的决定》第二次修正

2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订

<!-- INFO END -->

## 第一章 总则

第一条 为了规范行政处罚的设定和实施，……`,
  // 行政法规/事业单位人事管理条例(2014-04-25).md
  personnel: `# 事业单位人事管理条例

2014年2月26日 国务院第40次常务会议通过

2014年4月25日 中华人民共和国国务院令第652号公布

2014年7月1日 施行

<!-- INFO END -->`,
  // 宪法相关法/地方各级人民代表大会和地方各级人民政府组织法(2022-03-11).md (the first lines of its history)
  organic: `# 中华人民共和国地方各级人民代表大会和地方各级人民政府组织法

1979年7月1日 第五届全国人民代表大会第二次会议通过

1979年7月4日 公布

1980年1月1日 施行

1982年12月10日 第五届全国人民代表大会第五次会议《关于修改〈中华人民共和国地方各级人民代表大会和地方各级人民政府组织法〉的若干规定的决议》第一次修正

<!-- INFO END -->

第一百四十条 本法自1980年1月1日起施行。2023年1月1日以后的日期不在头部。`,
  // github.com/LawRefBook/Laws 行政法规/城市供水条例.md: revised by the State Council's decisions, no meeting line
  waterSupply: `# 城市供水条例

1994年7月19日 中华人民共和国国务院令第158号发布

2018年3月19日 《国务院关于修改和废止部分行政法规的决定》第一次修订

2020年3月27日 《国务院关于修改和废止部分行政法规的决定》第二次修订

<!-- INFO END -->`,
  // github.com/LawRefBook/Laws 行政法规/学校卫生工作条例.md: approved, then issued by two ministries' decrees
  schoolHealth: `# 学校卫生工作条例

1990年4月25日 国务院批准

1990年6月4日 国家教育委员会令第10号

卫生部令第1号发布

发布之日施行

<!-- INFO END -->`,
  // github.com/LawRefBook/Laws 经济法/产品质量法.md: two amendments run together on one line
  productQuality: `# 中华人民共和国产品质量法

1993年2月22日 第七届全国人民代表大会常务委员会第三十次会议通过

2000年7月8日 第九届全国人民代表大会常务委员会第十六次会议《关于修改〈中华人民共和国产品质量法〉的决定》第一次修正根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第二次修正

2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国产品质量法〉等五部法律的决定》第三次修正

<!-- INFO END -->`,
  // github.com/LawRefBook/Laws 行政法规/退役士兵安置条例.md: the decree of two bodies runs on to an undated line
  veterans: `# 退役士兵安置条例

2011年10月29日 中华人民共和国国务院

中华人民共和国中央军事委员会令第608号公布

2011年11月1日 施行

<!-- INFO END -->`,
  // github.com/LawRefBook/Laws 民法商法/农村土地承包法.md: a law adopted and published by 主席令 on the same day
  landContract: `# 中华人民共和国农村土地承包法

2002年8月29日 第九届全国人民代表大会常务委员会第二十九次会议通过

2002年8月29日 中华人民共和国主席令第七十三号公布

2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正

2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国农村土地承包法〉的决定》第二次修正

<!-- INFO END -->`,
};

/** The regulation texts kept in the repository (copied from ../shared/reference/laws, with their source line). */
const referenceLaws = () => join(process.cwd(), 'docs', 'laws');

describe('revisionDatesOf', () => {
  it('Given the header of a law adopted and then amended and revised When parsed Then every date is there in order', () => {
    expect(revisionDatesOf(fixtures.punishment)).toEqual(['1996-03-17', '2009-08-27', '2017-09-01', '2021-01-22']);
  });

  it('Given a regulation adopted by a meeting, published by decree and put in force later When parsed Then it counts from its publication only', () => {
    expect(revisionDatesOf(fixtures.personnel)).toEqual(['2014-04-25']);
  });

  it('Given regulations revised by State Council decisions or issued by ministerial decree When parsed Then each publication and revision counts once', () => {
    expect(revisionDatesOf(fixtures.waterSupply)).toEqual(['1994-07-19', '2018-03-19', '2020-03-27']);
    expect(revisionDatesOf(fixtures.schoolHealth)).toEqual(['1990-06-04']);
  });

  it('Given a dated line naming only the first issuing body When parsed Then the decree on the undated line below dates it', () => {
    expect(revisionDatesOf(fixtures.veterans)).toEqual(['2011-10-29']);
  });

  it('Given a law adopted and published by 主席令 on the same day When parsed Then that day counts once', () => {
    expect(revisionDatesOf(fixtures.landContract)).toEqual(['2002-08-29', '2009-08-27', '2018-12-29']);
  });

  it('Given two amendments run together on one line When parsed Then both dates count', () => {
    expect(revisionDatesOf(fixtures.productQuality)).toEqual(['1993-02-22', '2000-07-08', '2009-08-27', '2018-12-29']);
  });

  it('Given dates after the header and a 施行 line When parsed Then only the header’s adoption and amendments count', () => {
    expect(revisionDatesOf(fixtures.organic)).toEqual(['1979-07-04', '1982-12-10']);
    expect(revisionDatesOf('# 某法\n\n正文无日期')).toEqual([]);
  });
});

describe('lawRevisions', () => {
  it('Given each entry read from docs/laws When its file’s header is parsed Then the dates agree', () => {
    const dir = referenceLaws();
    const local = lawRevisions.filter((l) => l.source.startsWith('docs/laws/'));
    expect(local.length).toBeGreaterThanOrEqual(12);
    for (const l of local) {
      const text = readFileSync(join(dir, l.source.slice('docs/laws/'.length)), 'utf8');
      expect(text, l.name).toContain(`# ${l.name}\n`);
      expect(l.revisions, l.name).toEqual(revisionDatesOf(text));
    }
  });

  it('Given every entry When checked Then the dates are ISO days in ascending order, the names unique and the sources named', () => {
    const names = new Set<string>();
    for (const l of lawRevisions) {
      expect(l.revisions.length, l.name).toBeGreaterThan(0);
      for (const d of l.revisions) expect(d, l.name).toMatch(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
      expect([...l.revisions].sort(), l.name).toEqual(l.revisions);
      expect(new Set(l.revisions).size, l.name).toBe(l.revisions.length);
      expect(names.has(l.name), l.name).toBe(false);
      names.add(l.name);
      expect(l.source).toMatch(/^(docs\/laws\/|github\.com\/LawRefBook\/Laws\/).+\.md$/);
      // a file name's date is a version the entry lists
      const dated = /\((\d{4}-\d{2}-\d{2})\)\.md$/.exec(l.source);
      if (dated) expect(l.revisions, l.name).toContain(dated[1]);
    }
  });
});
