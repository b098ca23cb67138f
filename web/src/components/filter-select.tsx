/** A filter above a list: a clearable select (searchable by its labels with `search`); `ParamSelect` keeps it in the URL. */
import { Select } from 'antd';
import { useParam } from '../hooks';
import { optionsOf } from './ui';

interface FilterProps<V extends string> {
  placeholder: string;
  width: number;
  options: { value: V; label: string }[];
  search?: boolean;
}

export function FilterSelect<V extends string>({
  placeholder,
  width,
  options,
  search = false,
  value,
  onChange,
}: FilterProps<V> & { value: V | undefined; onChange: (v: V | undefined) => void }) {
  return (
    <Select
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}

/**
 * A filter whose value is the URL's parameter `param`. Its choices are `options`, or a list of codes (`values`, labelled
 * by `labels`) that are then also the only values the parameter may hold: the page reads it with
 * `useParam(param, values)`.
 */
export function ParamSelect<V extends string>({
  param,
  ...props
}: Omit<FilterProps<V>, 'options'> & { param: string } & (
    { options: { value: V; label: string }[] } | { values: readonly V[]; labels?: Record<V, string> }
  )) {
  const values = 'values' in props ? props.values : undefined;
  const options = 'values' in props ? optionsOf(props.values, props.labels) : props.options;
  const [value, setValue] = useParam<V>(param, values);
  return (
    <FilterSelect
      placeholder={props.placeholder}
      width={props.width}
      search={props.search}
      options={options}
      value={value}
      onChange={setValue}
    />
  );
}
