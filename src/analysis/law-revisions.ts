/**
 * When the laws and regulations that 权责清单 cite were adopted and last revised: a list whose items rest on a law
 * revised after the list was published may no longer match it (POWER_LIST_OUTDATED). Each entry gives the dates of
 * adoption and of every 修订/修正 as the text's own header lists them, and the file it was read from (the project's
 * ../shared/reference/laws, or the public mirror github.com/LawRefBook/Laws at the path given).
 */
export interface LawRevision {
  /** The full title as cited, e.g. 中华人民共和国行政处罚法 */
  name: string;
  /** Adoption and every revision or amendment, ISO dates in order (the header's 通过/修订/修正/公布 dates). */
  revisions: string[];
  source: string;
}

const ref = (file: string) => `../shared/reference/laws/${file}`;

export const lawRevisions: readonly LawRevision[] = [
  {
    name: '中华人民共和国行政处罚法',
    revisions: ['1996-03-17', '2009-08-27', '2017-09-01', '2021-01-22'],
    source: ref('行政处罚法(2021-01-22).md'),
  },
  {
    name: '中华人民共和国行政许可法',
    revisions: ['2003-08-27', '2019-04-23'],
    source: ref('行政许可法(2019-04-23).md'),
  },
  { name: '中华人民共和国行政强制法', revisions: ['2011-06-30'], source: ref('行政强制法(2011-06-30).md') },
  {
    name: '中华人民共和国水法',
    revisions: ['1988-01-21', '2002-08-29', '2009-08-27', '2016-07-02'],
    source: ref('水法(2016-07-02).md'),
  },
  {
    name: '中华人民共和国水污染防治法',
    revisions: ['1984-05-11', '1996-05-15', '2008-02-28', '2017-06-27'],
    source: ref('水污染防治法(2017-06-27).md'),
  },
  {
    name: '中华人民共和国环境保护法',
    revisions: ['1989-12-26', '2014-04-24'],
    source: ref('环境保护法(2014-04-24).md'),
  },
  {
    name: '中华人民共和国公务员法',
    revisions: ['2005-04-27', '2017-09-01', '2018-12-29'],
    source: ref('公务员法(2018-12-29).md'),
  },
  {
    name: '中华人民共和国居民身份证法',
    revisions: ['2003-06-28', '2011-10-29'],
    source: ref('居民身份证法(2011-10-29).md'),
  },
  {
    name: '中华人民共和国地方各级人民代表大会和地方各级人民政府组织法',
    revisions: ['1979-07-01', '1982-12-10', '1986-12-02', '1995-02-28', '2004-10-27', '2015-08-29', '2022-03-11'],
    source: ref('地方各级人民代表大会和地方各级人民政府组织法(2022-03-11).md'),
  },
  {
    name: '地方各级人民政府机构设置和编制管理条例',
    revisions: ['2007-02-24'],
    source: ref('地方各级人民政府机构设置和编制管理条例(2007-02-24).md'),
  },
  { name: '事业单位人事管理条例', revisions: ['2014-04-25'], source: ref('事业单位人事管理条例(2014-04-25).md') },
  { name: '行政区划管理条例', revisions: ['2018-10-10'], source: ref('行政区划管理条例(2018-10-10).md') },
];
