/**
 * Families of 事业单位 that repeat with a pattern — schools, kindergartens, homes for the elderly, health centres, the
 * units under each 街道/乡镇 — and the 挂靠 units; `pi` builds one entry with its rank from its size.
 */
import type { Profile, PublicSpec } from './spec.js';

type Extra = Partial<
  Pick<PublicSpec, 'worker' | 'civilServiceManaged' | 'titles' | 'plantedOnly' | 'cleanOnly' | 'host'>
>;

export function pi(
  name: string,
  parent: string | undefined,
  piClass: PublicSpec['piClass'],
  funding: PublicSpec['funding'],
  quota: number,
  profile: Profile,
  sanding: string[],
  extra: Extra = {},
): PublicSpec {
  const rank = quota >= 30 ? '副科' : '股级';
  return { name, parent, piClass, funding, rank, quota, profile, sanding, ...extra };
}

/** 挂靠 units: the 地震监测中心 sits with 文化和旅游局 in the planted district (HOSTED_MISMATCH), else with 应急管理局. */
export function hostedUnits(planted: boolean): PublicSpec[] {
  return [
    pi(
      '区地方志编纂中心',
      undefined,
      '公益一类',
      '全额',
      5,
      'culture',
      ['档案管理|承担区志、年鉴的编纂和地情资料的收集整理工作'],
      { host: '区委办公室' },
    ),
    pi(
      '区机关事务服务中心',
      undefined,
      '公益一类',
      '全额',
      12,
      'service',
      ['机关事务|承担区级机关办公用房管理、公务用车保障和公共机构节能工作'],
      { host: '区人民政府办公室', worker: 6 },
    ),
    pi(
      '区老干部服务中心',
      undefined,
      '公益一类',
      '全额',
      6,
      'elderly',
      ['老干部工作|承担离退休干部服务管理和老干部活动场所运行工作'],
      { host: '区委组织部' },
    ),
    pi(
      '区人民防空指挥信息保障中心',
      undefined,
      '公益一类',
      '全额',
      6,
      'tech',
      ['公共安全|承担人民防空指挥通信、警报设施的运行维护工作'],
      { host: '区住房和城乡建设局' },
    ),
    pi(
      '区地震监测中心',
      undefined,
      '公益一类',
      '全额',
      6,
      'tech',
      [
        '~防灾减灾|承担全区地震监测台网运行维护和地震速报工作',
        '~防灾减灾|承担防震减灾科普宣传和地震应急避难场所的日常管理',
      ],
      { host: planted ? '区文化和旅游局' : '区应急管理局' },
    ),
  ];
}

const urbanSchools = [
  '区实验小学',
  '区第二实验小学',
  '区东风小学',
  '区青年路小学',
  '区新华小学',
  '区文昌小学',
  '区第一中学',
  '区第二中学',
  '区实验中学',
];
const townSchools = ['柳河镇中心小学', '石门镇中学', '青山镇中心小学'];

export function schools(): PublicSpec[] {
  const list = [...urbanSchools, ...townSchools].map((name, i) => {
    const middle = name.endsWith('中学');
    const quota = middle ? 100 + (i % 3) * 8 : 64 + (i % 4) * 9;
    return pi(
      name,
      '区教育和体育局',
      '公益一类',
      '全额',
      quota,
      'school',
      [
        middle
          ? '教育|实施初中学历教育，促进学生全面发展，承担学生思想品德教育和综合素质评价工作'
          : '教育|实施小学学历教育，落实国家课程方案，促进学生德智体美劳全面发展',
      ],
      { titles: ['校长', '副校长'], worker: 1 },
    );
  });
  list.push(
    pi(
      '区职业中等专业学校',
      '区教育和体育局',
      '公益一类',
      '全额',
      70,
      'school',
      ['教育,就业创业|实施中等职业学历教育和职业技能培训'],
      { titles: ['校长', '副校长'], worker: 2 },
    ),
    pi(
      '区特殊教育学校',
      '区教育和体育局',
      '公益一类',
      '全额',
      20,
      'school',
      ['教育,社会保障|实施残疾儿童少年义务教育和康复训练'],
      { titles: ['校长', '副校长'] },
    ),
    pi('区教育教学研究中心', '区教育和体育局', '公益一类', '全额', 15, 'tech', [
      '教育|承担全区中小学、幼儿园教学研究、教学指导和质量监测工作',
    ]),
  );
  return list;
}

/** 学前教育: two small kindergartens when LIVELIHOOD_GAP is planted, six of a fitting size otherwise. */
export function kindergartens(planted: boolean): PublicSpec[] {
  const names = planted
    ? ['区实验幼儿园', '区第二实验幼儿园']
    : ['区实验幼儿园', '区第二实验幼儿园', '区第三实验幼儿园', '区东风幼儿园', '柳河镇中心幼儿园', '青山镇中心幼儿园'];
  return names.map((name, i) =>
    pi(
      name,
      '区教育和体育局',
      '公益一类',
      '全额',
      planted ? (i === 0 ? 22 : 12) : 34 + (i % 3) * 4,
      'kindergarten',
      ['学前教育|实施学前教育，对3至6周岁幼儿进行保育和教育，促进幼儿身心和谐发展'],
      { titles: ['园长', '副园长'] },
    ),
  );
}

/** 养老服务: one small 福利院 and one 敬老院 when LIVELIHOOD_GAP is planted. */
export function elderlyHomes(planted: boolean): PublicSpec[] {
  const list = [
    pi(
      '区社会福利院',
      '区民政局',
      '公益一类',
      '全额',
      planted ? 12 : 30,
      'elderly',
      ['养老服务|承担城市特困老年人集中供养和社会老年人托养照护服务'],
      { titles: ['院长', '副院长'] },
    ),
  ];
  const homes = planted ? ['柳河镇敬老院'] : ['柳河镇敬老院', '石门镇敬老院', '白马镇敬老院', '桃源镇敬老院'];
  for (const name of homes) {
    list.push(
      pi(
        name,
        '区民政局',
        '公益一类',
        '全额',
        planted ? 5 : 9,
        'elderly',
        ['养老服务|承担农村特困人员集中供养和失能老年人照护服务'],
        { titles: ['院长', '副院长'] },
      ),
    );
  }
  if (!planted) {
    list.push(
      pi('区养老服务指导中心', '区民政局', '公益一类', '全额', 10, 'elderly', [
        '养老服务|承担全区居家社区养老服务网络建设、养老服务质量评估和护理人员培训工作',
      ]),
    );
  }
  return list;
}

export function healthCentres(streets: string[], townships: string[]): PublicSpec[] {
  const list = townships.map((t, i) =>
    pi(
      `${t}卫生院`,
      '区卫生健康局',
      '公益一类',
      '差额',
      24 + (i % 3) * 4,
      'hospital',
      ['卫生健康|承担辖区基本医疗和基本公共卫生服务工作'],
      { titles: ['院长', '副院长'] },
    ),
  );
  for (const s of streets.slice(0, 3)) {
    const short = s.replace('办事处', '');
    list.push(
      pi(
        `${short}社区卫生服务中心`,
        '区卫生健康局',
        '公益一类',
        '差额',
        18,
        'health',
        ['卫生健康|承担辖区社区基本医疗、公共卫生和家庭医生签约服务'],
        { titles: ['主任', '副主任'] },
      ),
    );
  }
  return list;
}

/** Street 党群服务中心 and township 综合文化站: the small units below each 街道/乡镇. */
export function localUnits(streets: string[], townships: string[]): PublicSpec[] {
  const list = streets.map((s) =>
    pi(`${s.replace('办事处', '')}党群服务中心`, s, '公益一类', '全额', 6, 'service', [
      '基层治理|承担辖区党群服务、社区事务受理和便民服务的事务性工作',
    ]),
  );
  for (const t of townships) {
    list.push(
      pi(
        `${t}综合文化站`,
        t,
        '公益一类',
        '全额',
        4,
        'culture',
        ['文化旅游|承担辖区群众文化活动组织和公共文化设施管理服务工作'],
        { titles: ['站长', '副站长'] },
      ),
    );
  }
  return list;
}
